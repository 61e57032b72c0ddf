import { Module } from '@nestjs/common';
import { FxRatesConsumer } from './fx-rates.consumer';

/** The FX rates feed (`bank.fx-rates`) and the rate in force; read by fulfillment (declared value) and funds (settlement). */
@Module({ providers: [FxRatesConsumer] })
export class RatesModule {}
