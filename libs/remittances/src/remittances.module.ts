import { Module } from '@nestjs/common';
import { BankFilesController } from './bank-files.controller';
import { BankRemittanceConsumer } from './bank-remittance.consumer';
import { IngestBankFile } from './ingest-bank-file.usecase';
import { RemittancesController } from './remittances.controller';
import { RemittanceHooks } from './remittance-hooks';
import { RemittanceQueries } from './remittances.query';

@Module({ controllers: [BankFilesController, RemittancesController], providers: [BankRemittanceConsumer, IngestBankFile, RemittanceQueries, RemittanceHooks], exports: [RemittanceHooks, RemittanceQueries] })
export class RemittancesModule {}
