import { Module } from '@nestjs/common';
import { BuyerReceiptController } from './buyer-receipt.controller';
import { CompleteFinishedOrdersJob } from './complete-finished-orders.job';
import { ConfirmReceipt } from './confirm-receipt.usecase';
import { CreateShipment } from './create-shipment.usecase';
import { ExportBillsConsumer } from './export-bills.consumer';
import { FulfillmentController } from './fulfillment.controller';
import { LogisticsEventsConsumer } from './logistics-events.consumer';
import { ShipDateDeadlineJob } from './ship-date-deadline.job';
import { ShipmentQueries } from './shipments.query';

/** Fulfillment (issue 6): shipments, logistics events, one-stop export bills, the ship-date deadline, receipt confirmation. */
@Module({
  controllers: [FulfillmentController, BuyerReceiptController],
  providers: [CreateShipment, ShipmentQueries, ConfirmReceipt, LogisticsEventsConsumer, ExportBillsConsumer, ShipDateDeadlineJob, CompleteFinishedOrdersJob],
})
export class FulfillmentModule {}
