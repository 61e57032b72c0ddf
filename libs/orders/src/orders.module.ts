import { Module } from '@nestjs/common';
import { CancelOrder } from './cancel-order.usecase';
import { DraftOrder } from './draft-order.usecase';
import { ErpOrdersConsumer } from './erp-orders.consumer';
import { ErpSyncLogController } from './erp-sync-log.controller';
import { ErpSyncLogQueries } from './erp-sync-log.query';
import { OrdersController } from './orders.controller';
import { OpenOrdersController } from './open-orders.controller';
import { OpenOrdersQuery } from './open-orders.query';
import { OrderQueries } from './orders.query';
import { BuyerOrderQuery } from './buyer/buyer-order.query';
import { BuyerOrdersController } from './buyer/buyer-orders.controller';
import { ConfirmPaymentInfo } from './buyer/confirm-payment-info.usecase';
import { PaymentReminderQueue } from './payment-reminder.queue';
import { SendPaymentReminder } from './send-payment-reminder.usecase';
import { SubmitOrder } from './submit-order.usecase';
import { SyncErpOrder } from './sync-erp-order.usecase';
import { UpdateOrder } from './update-order.usecase';

@Module({ controllers: [OrdersController, BuyerOrdersController, ErpSyncLogController, OpenOrdersController], providers: [DraftOrder, UpdateOrder, SubmitOrder, CancelOrder, OrderQueries, PaymentReminderQueue, SendPaymentReminder, BuyerOrderQuery, ConfirmPaymentInfo, SyncErpOrder, ErpOrdersConsumer, ErpSyncLogQueries, OpenOrdersQuery], exports: [OrderQueries, OpenOrdersQuery] })
export class OrdersModule {}
