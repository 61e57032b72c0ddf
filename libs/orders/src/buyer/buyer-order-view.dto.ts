import { ApiProperty } from '@nestjs/swagger';
import { fulfilmentStatuses, type FulfilmentStatus, lifecycleStatuses, type LifecycleStatus, milestoneKinds, type MilestoneKind, paymentStatuses, type PaymentStatus } from '../order-status.rules';

export class BuyerLineDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) sku!: string | null;
  @ApiProperty() quantity!: number;
  @ApiProperty() unit!: string;
  @ApiProperty({ example: '12.40' }) unitPrice!: string;
  @ApiProperty({ example: '6200.00' }) lineTotal!: string;
}

export class BuyerMilestoneDto {
  @ApiProperty({ enum: milestoneKinds }) kind!: MilestoneKind;
  @ApiProperty({ example: '1860.00' }) amount!: string;
  @ApiProperty({ example: '0.00' }) paidAmount!: string;
  @ApiProperty({ example: '1860.00', description: 'amount - paidAmount, never negative' }) dueAmount!: string;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty() preShipment!: boolean;
}

export class PayToDto {
  @ApiProperty({ example: 'NINGBO EXAMPLE CO LTD' }) beneficiaryName!: string;
  @ApiProperty() bankName!: string;
  @ApiProperty({ example: 'EXCNCNSHXXX' }) bic!: string;
  @ApiProperty({ example: 'VA880000000019' }) accountNumber!: string;
  @ApiProperty({ example: 'EO-2026-000123', description: 'quote it in the transfer so the payment is recognised' }) reference!: string;
  @ApiProperty({ example: 'RF28 EO20 2600 0123', description: 'the same reference as an ISO 11649 creditor reference: its check digits catch a typing error' }) creditorReference!: string;
}

export class BuyerConfirmationDto {
  @ApiProperty({ format: 'date-time' }) confirmedAt!: string;
}

/** What the buyer sees through the signed link (`GET /buyer/orders/{orderNo}?t=`, JSON form). */
export class BuyerOrderViewDto {
  @ApiProperty({ example: 'EO-2026-000123' }) orderNo!: string;
  @ApiProperty({ example: 'NINGBO EXAMPLE CO LTD' }) sellerName!: string;
  @ApiProperty({ example: 'ACME TRADING LLC' }) buyerName!: string;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ type: [BuyerLineDto] }) lines!: BuyerLineDto[];
  @ApiProperty({ type: [BuyerMilestoneDto] }) milestones!: BuyerMilestoneDto[];
  @ApiProperty({ example: '6200.00' }) total!: string;
  @ApiProperty({ example: '0.00' }) paidAmount!: string;
  @ApiProperty({ example: '6200.00' }) outstandingAmount!: string;
  @ApiProperty() incoterm!: string;
  @ApiProperty({ format: 'date' }) expectedShipDate!: string;
  @ApiProperty({ enum: lifecycleStatuses }) lifecycleStatus!: LifecycleStatus;
  @ApiProperty({ enum: paymentStatuses }) paymentStatus!: PaymentStatus;
  @ApiProperty({ enum: fulfilmentStatuses }) fulfilmentStatus!: FulfilmentStatus;
  @ApiProperty({ type: PayToDto }) payTo!: PayToDto;
  @ApiProperty({ type: BuyerConfirmationDto, nullable: true }) confirmation!: BuyerConfirmationDto | null;
  @ApiProperty({ description: 'the page offers the confirmation (the order is SUBMITTED and not yet confirmed)' }) canConfirm!: boolean;
  @ApiProperty({ description: 'the page offers "I received the goods" (everything shipped, not yet delivered, order open)' }) canConfirmReceipt!: boolean;
  @ApiProperty({ format: 'date-time', description: 'this link stops working then' }) linkExpiresAt!: string;
}

export class PaymentConfirmationDto {
  @ApiProperty({ example: 'EO-2026-000123' }) orderNo!: string;
  @ApiProperty({ format: 'date-time' }) confirmedAt!: string;
  @ApiProperty({ description: 'true when the order was already confirmed (a second click changes nothing)' }) alreadyConfirmed!: boolean;
}
