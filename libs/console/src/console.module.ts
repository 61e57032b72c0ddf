import { Module } from '@nestjs/common';
import { ApproveAssociation, AssociateRemittance, RejectAssociation, UnbindAssociation } from '@ereceipt/matching';
import { ReturnRemittance } from '@ereceipt/funds';
import { OpenOrdersQuery } from '@ereceipt/orders';
import { RemittancesModule } from '@ereceipt/remittances';
import { ReportsModule } from '@ereceipt/reports';
import { ConsoleAuth } from './console-auth';
import { ConsoleController } from './console.controller';
import { BulkActionController } from './bulk-action.controller';
import { BulkRemittanceAction } from './bulk-action.usecase';

/** The finance console at /console (server-rendered HTML, plain forms, signed session cookie), and the queue's bulk actions over the API (`POST /remittances/bulk-actions`). */
@Module({
  imports: [RemittancesModule, ReportsModule],
  controllers: [ConsoleController, BulkActionController],
  // The matching use cases hold no state but the ORM: the console gets its own instances of them.
  providers: [ConsoleAuth, AssociateRemittance, UnbindAssociation, ApproveAssociation, RejectAssociation, ReturnRemittance, BulkRemittanceAction, OpenOrdersQuery],
})
export class ConsoleModule {}
