import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule, type HubConfig } from '@ereceipt/config';
import { AuthModule } from '@ereceipt/auth';
import { ConsoleModule } from '@ereceipt/console';
import { FulfillmentModule } from '@ereceipt/fulfillment';
import { FundsModule } from '@ereceipt/funds';
import { EvaluationsModule } from '@ereceipt/evaluations';
import { MatchingModule } from '@ereceipt/matching';
import { MessagingModule } from '@ereceipt/messaging';
import { NotificationsModule } from '@ereceipt/notifications';
import { HttpErrorFilter, OperationsModule } from '@ereceipt/operations';
import { ormOptions } from '@ereceipt/persistence';
import { OrdersModule } from '@ereceipt/orders';
import { RatesModule } from '@ereceipt/rates';
import { RemittancesModule } from '@ereceipt/remittances';
import { ReportsModule } from '@ereceipt/reports';
import { SchedulingModule } from '@ereceipt/scheduling';
import { SellersModule } from '@ereceipt/sellers';
import { hubEntities } from './entities';
import { loggerParams } from './logging';

@Module({})
export class HubModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: HubModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config)),
        MikroOrmModule.forRoot({ ...ormOptions(config, hubEntities), registerRequestContext: true, forRoutesPath: '{*path}' }),
        AuthModule,
        MessagingModule,
        NotificationsModule,
        SchedulingModule,
        OperationsModule,
        RemittancesModule,
        SellersModule,
        OrdersModule,
        MatchingModule,
        RatesModule,
        FulfillmentModule,
        FundsModule,
        EvaluationsModule,
        ReportsModule,
        ConsoleModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
    };
  }
}
