import { Module } from '@nestjs/common';
import { ApproveAssociation, AssociateRemittance, RejectAssociation, UnbindAssociation } from '@ereceipt/matching';
import { RemittancesModule } from '@ereceipt/remittances';
import { ReportsModule } from '@ereceipt/reports';
import { ConsoleAuth } from './console-auth';
import { ConsoleController } from './console.controller';

/** The finance console at /console (server-rendered HTML, plain forms, signed session cookie). */
@Module({
  imports: [RemittancesModule, ReportsModule],
  controllers: [ConsoleController],
  // The matching use cases hold no state but the ORM: the console gets its own instances of them.
  providers: [ConsoleAuth, AssociateRemittance, UnbindAssociation, ApproveAssociation, RejectAssociation],
})
export class ConsoleModule {}
