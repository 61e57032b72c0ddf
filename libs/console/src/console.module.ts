import { Module } from '@nestjs/common';
import { ApproveRefund, ReturnRemittance, UpdateFundsSettings } from '@ereceipt/funds';
import { ApproveAssociation, AssociateRemittance, ChangeMatchingSettings, RejectAssociation, UnbindAssociation } from '@ereceipt/matching';
import { OpenOrdersQuery } from '@ereceipt/orders';
import { RemittancesModule } from '@ereceipt/remittances';
import { ReportsModule } from '@ereceipt/reports';
import { ConsoleAuth } from './console-auth';
import { ConsoleController } from './console.controller';
import { ConsoleOidcController } from './console-oidc.controller';
import { ConsoleApprovalsController } from './console-approvals.controller';
import { BulkActionController } from './bulk-action.controller';
import { BulkRemittanceAction } from './bulk-action.usecase';

/** The finance console at /console (server-rendered HTML, plain forms, signed session cookie), and the queue's bulk actions over the API (`POST /remittances/bulk-actions`). */
@Module({
  imports: [RemittancesModule, ReportsModule],
  controllers: [ConsoleController, ConsoleOidcController, ConsoleApprovalsController, BulkActionController],
  // The matching use cases hold no state but the ORM: the console gets its own instances of them.
  providers: [ConsoleAuth, AssociateRemittance, UnbindAssociation, ApproveAssociation, RejectAssociation, ApproveRefund, ReturnRemittance, UpdateFundsSettings, ChangeMatchingSettings, BulkRemittanceAction, OpenOrdersQuery],
})
export class ConsoleModule {}
