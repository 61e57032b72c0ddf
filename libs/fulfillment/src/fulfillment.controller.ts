import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@ereceipt/auth';
import { orderNoPipe } from '@ereceipt/orders';
import { CreateShipment } from './create-shipment.usecase';
import { CreateShipmentDto, OrderShipmentsDto, ShipmentViewDto } from './shipments.dto';
import { ShipmentQueries } from './shipments.query';

@ApiTags('fulfillment')
@ApiBearerAuth()
@ApiUnauthorizedResponse()
@ApiForbiddenResponse({ description: 'a role that may not do this' })
@Controller('orders/:orderNo/shipments')
export class FulfillmentController {
  constructor(
    private readonly createShipment: CreateShipment,
    private readonly queries: ShipmentQueries,
  ) {}

  @Post()
  @Roles('seller', 'admin')
  @ApiOperation({ summary: 'Ship items of an order: SELF_EXPORT with logistics and customs declaration, ONE_STOP_EXPORT with a bill number or a draft request. Publishes ereceipt.shipment.created.v1' })
  @ApiCreatedResponse({ type: ShipmentViewDto })
  @ApiBadRequestResponse({ description: 'FULFILLMENT.INVALID naming the field, e.g. `customs.declaredValue`' })
  @ApiNotFoundResponse({ description: 'no such order (or not this seller\'s)' })
  @ApiConflictResponse({ description: 'FULFILLMENT.QUANTITY_EXCEEDS (more than ordered minus shipped), FULFILLMENT.ORDER_NOT_OPEN, FULFILLMENT.BILL_TAKEN' })
  async create(@Param('orderNo', orderNoPipe) orderNo: string, @Body() body: CreateShipmentDto, @CurrentPrincipal() principal: Principal): Promise<ShipmentViewDto> {
    return this.createShipment.execute(orderNo, body, principal);
  }

  @Get()
  @Roles('seller', 'admin', 'finance')
  @ApiOperation({ summary: 'The order\'s shipments with tracking history (by time it happened), quantities left, the declared goods value in the order currency, and fulfillment flags' })
  @ApiOkResponse({ type: OrderShipmentsDto })
  @ApiNotFoundResponse()
  async list(@Param('orderNo', orderNoPipe) orderNo: string, @CurrentPrincipal() principal: Principal): Promise<OrderShipmentsDto> {
    return this.queries.forOrder(orderNo, principal);
  }
}
