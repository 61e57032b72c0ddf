import { Module } from '@nestjs/common';
import { BankRemittanceConsumer } from './bank-remittance.consumer';

@Module({ providers: [BankRemittanceConsumer] })
export class RemittancesModule {}
