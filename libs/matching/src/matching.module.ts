import { Module, type OnModuleInit } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { RemittanceHooks, RemittancesModule } from '@ereceipt/remittances';
import { ApproveAssociation } from './approve-association.usecase';
import { AssociateRemittance } from './associate-remittance.usecase';
import { ChangeMatchingSettings } from './change-matching-settings.usecase';
import { MatchingController } from './matching.controller';
import { MatchingSettingsController } from './matching-settings.controller';
import { MatchingSettingsQuery } from './matching-settings.query';
import { RejectAssociation } from './reject-association.usecase';
import { matchingStage } from './matching.stage';
import { UnbindAssociation } from './unbind-association.usecase';

/**
 * Matching plugs into remittances through the RemittanceHooks port (remittances never imports
 * matching): every new wire is matched in its recording transaction, and the remittance view gets
 * `associations` and `decision` from here.
 */
@Module({
  imports: [RemittancesModule],
  controllers: [MatchingController, MatchingSettingsController],
  providers: [AssociateRemittance, UnbindAssociation, ApproveAssociation, RejectAssociation, MatchingSettingsQuery, ChangeMatchingSettings],
})
export class MatchingModule implements OnModuleInit {
  constructor(
    private readonly hooks: RemittanceHooks,
    private readonly orm: MikroORM,
  ) {}

  onModuleInit(): void {
    this.hooks.register(matchingStage(this.orm));
  }
}
