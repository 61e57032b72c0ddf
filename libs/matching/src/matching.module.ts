import { Module, type OnModuleInit } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { RemittanceHooks, RemittancesModule } from '@ereceipt/remittances';
import { ApproveAssociation } from './approve-association.usecase';
import { AssociateRemittance } from './associate-remittance.usecase';
import { MatchRemittance } from './match-remittance.usecase';
import { MatchingController } from './matching.controller';
import { RejectAssociation } from './reject-association.usecase';
import { remittanceMatchingViews } from './remittance-matching.view';
import { UnbindAssociation } from './unbind-association.usecase';

/**
 * Matching plugs into remittances through the RemittanceHooks port (remittances never imports
 * matching): every new wire is matched in its recording transaction, and the remittance view gets
 * `associations` and `decision` from here.
 */
@Module({
  imports: [RemittancesModule],
  controllers: [MatchingController],
  providers: [AssociateRemittance, UnbindAssociation, ApproveAssociation, RejectAssociation],
})
export class MatchingModule implements OnModuleInit {
  constructor(
    private readonly hooks: RemittanceHooks,
    private readonly orm: MikroORM,
  ) {}

  onModuleInit(): void {
    const match = new MatchRemittance();
    this.hooks.register({
      afterRecorded: async (recorded) => {
        await match.within(recorded);
      },
      viewExtras: (ids) => remittanceMatchingViews(this.orm, ids),
    });
  }
}
