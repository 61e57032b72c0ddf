import { Module } from '@nestjs/common';
import { CancelOrder } from './cancel-order.usecase';
import { DraftOrder } from './draft-order.usecase';
import { OrdersController } from './orders.controller';
import { OrderQueries } from './orders.query';
import { SubmitOrder } from './submit-order.usecase';
import { UpdateOrder } from './update-order.usecase';

@Module({ controllers: [OrdersController], providers: [DraftOrder, UpdateOrder, SubmitOrder, CancelOrder, OrderQueries], exports: [OrderQueries] })
export class OrdersModule {}
