import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@ereceipt/auth';
import { CancelOrder } from './cancel-order.usecase';
import { DraftOrder } from './draft-order.usecase';
import { CancelOrderDto, CreateOrderDto, PatchOrderDto } from './order-input.dto';
import { orderNoPipe } from './order-number.pipe';
import { ListOrdersQuery, OrderPageDto, OrderViewDto } from './order-view.dto';
import { OrderQueries } from './orders.query';
import { ReminderSentDto } from './reminder.dto';
import { SendPaymentReminder } from './send-payment-reminder.usecase';
import { SubmitOrder } from './submit-order.usecase';
import { UpdateOrder } from './update-order.usecase';

/** `eo-2026-000123` and ` EO-2026-000123 ` are the same order; anything else is a 400 naming orderNo. */
@ApiTags('orders')
@ApiBearerAuth()
@ApiUnauthorizedResponse()
@ApiForbiddenResponse({ description: 'a role that may not do this' })
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly draft: DraftOrder,
    private readonly update: UpdateOrder,
    private readonly submitOrder: SubmitOrder,
    private readonly cancelOrder: CancelOrder,
    private readonly queries: OrderQueries,
    private readonly sendReminder: SendPaymentReminder,
  ) {}

  @Post()
  @Roles('seller', 'admin')
  @ApiOperation({ summary: 'Draft an order (a seller for itself; an admin passes sellerId). Starts DRAFT' })
  @ApiCreatedResponse({ type: OrderViewDto })
  @ApiBadRequestResponse({ description: 'an invariant is broken; the message names the field, e.g. `lines[1].unitPrice`' })
  @ApiConflictResponse({ description: 'ORDERS.SELLER_NOT_APPROVED, or the externalOrderId is taken' })
  async create(@Body() body: CreateOrderDto, @CurrentPrincipal() principal: Principal): Promise<OrderViewDto> {
    return this.draft.execute(body, principal);
  }

  @Get()
  @Roles('seller', 'admin', 'finance')
  @ApiOperation({ summary: 'List orders, newest first, filtered (a seller sees only its own); `?externalOrderId=` finds an ERP order' })
  @ApiOkResponse({ type: OrderPageDto })
  async list(@Query() query: ListOrdersQuery, @CurrentPrincipal() principal: Principal): Promise<OrderPageDto> {
    return this.queries.list(query, principal);
  }

  @Get(':orderNo')
  @Roles('seller', 'admin', 'finance')
  @ApiOperation({ summary: 'One order: statuses, lines, milestones with paidAmount, totals' })
  @ApiOkResponse({ type: OrderViewDto })
  @ApiNotFoundResponse({ description: 'no such order (or not this seller\'s)' })
  async get(@Param('orderNo', orderNoPipe) orderNo: string, @CurrentPrincipal() principal: Principal): Promise<OrderViewDto> {
    return this.queries.get(orderNo, principal);
  }

  @Patch(':orderNo')
  @Roles('seller', 'admin')
  @ApiOperation({ summary: 'Change an order: anything in DRAFT; after submission only expectedShipDate and milestone due dates' })
  @ApiOkResponse({ type: OrderViewDto })
  @ApiBadRequestResponse({ description: 'the changed order breaks an invariant' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'the field cannot change in this state (ORDERS.FIELD_FROZEN), or the order is closed' })
  async patch(@Param('orderNo', orderNoPipe) orderNo: string, @Body() body: PatchOrderDto, @CurrentPrincipal() principal: Principal): Promise<OrderViewDto> {
    return this.update.execute(orderNo, body, principal);
  }

  @Post(':orderNo/submit')
  @HttpCode(200)
  @Roles('seller', 'admin')
  @ApiOperation({ summary: 'DRAFT -> SUBMITTED; publishes ereceipt.order.submitted.v1 and e-mails the payment reminder (with the signed link) to the buyer' })
  @ApiOkResponse({ type: OrderViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'the order is not a DRAFT' })
  async submit(@Param('orderNo', orderNoPipe) orderNo: string, @CurrentPrincipal() principal: Principal): Promise<OrderViewDto> {
    return this.submitOrder.execute(orderNo, principal);
  }

  @Post(':orderNo/reminders')
  @HttpCode(202)
  @Roles('seller', 'admin')
  @ApiOperation({ summary: 'E-mail the payment reminder again (what is still due, a fresh signed link); rate-limited per order' })
  @ApiAcceptedResponse({ type: ReminderSentDto, description: 'queued; the mail relay delivers it' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'the order is not SUBMITTED/CONFIRMED, or nothing is due' })
  @ApiTooManyRequestsResponse({ description: 'ORDERS.REMINDER_RATE_LIMITED; Retry-After says when the next may go' })
  async remind(@Param('orderNo', orderNoPipe) orderNo: string, @CurrentPrincipal() principal: Principal): Promise<ReminderSentDto> {
    return this.sendReminder.execute(orderNo, principal);
  }

  @Post(':orderNo/cancel')
  @HttpCode(200)
  @Roles('seller', 'admin')
  @ApiOperation({ summary: 'Cancel an open order until the first payment; a submitted one publishes ereceipt.order.cancelled.v1' })
  @ApiOkResponse({ type: OrderViewDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'already closed (COMPLETED, CANCELLED) or money already arrived' })
  async cancel(@Param('orderNo', orderNoPipe) orderNo: string, @Body() body: CancelOrderDto, @CurrentPrincipal() principal: Principal): Promise<OrderViewDto> {
    return this.cancelOrder.execute(orderNo, body.reason, principal);
  }
}
