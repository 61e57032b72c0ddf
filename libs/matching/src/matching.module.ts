import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { RemittanceHooks, RemittancesModule } from '@ereceipt/remittances';
import { ApproveAssociation } from './approve-association.usecase';
import { AssociateRemittance } from './associate-remittance.usecase';
import { ChangeMatchingSettings } from './change-matching-settings.usecase';
import { MatchingController } from './matching.controller';
import { MatchingSettingsController } from './matching-settings.controller';
import { MatchingSettingsQuery } from './matching-settings.query';
import { RejectAssociation } from './reject-association.usecase';
import { matchingStage } from './matching.stage';
import { MatchingIndex } from './infrastructure/matching-index';
import { MatchRemittance } from './match-remittance.usecase';
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
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  onModuleInit(): void {
    // One matching index per process, shared by every partition's batches (the sellers' locks keep them apart).
    this.hooks.register(matchingStage(this.orm, new MatchRemittance(new MatchingIndex({ maxOrders: this.config.matchingIndexMaxOrders }))));
  }
}
