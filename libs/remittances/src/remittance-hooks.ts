import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CanonicalRemittance } from '@ereceipt/contracts';
import type { OutboxWriter } from '@ereceipt/messaging';
import type { RemittanceAssociationDto, RemittanceDecisionDto } from './remittance-view.dto';

/** A new (non-duplicate) remittance, just stored, inside the recording transaction. */
export interface RecordedRemittance {
  em: EntityManager;
  outbox: OutboxWriter;
  remittanceId: string;
  remittance: CanonicalRemittance;
  correlationId: string | undefined;
}

/** What a later stage (matching) adds to the remittance view: docs/contract.md `associations` and `decision`. */
export interface RemittanceViewExtras {
  associations: RemittanceAssociationDto[];
  decision: RemittanceDecisionDto | null;
}

/**
 * The port through which later stages plug into remittances without remittances importing them
 * (libs/matching imports libs/remittances, never the reverse; dependency-cruiser forbids cycles).
 * `afterRecorded` runs in the recording transaction, so a wire and what it caused commit together.
 */
export interface RemittanceStage {
  afterRecorded(recorded: RecordedRemittance): Promise<void>;
  /** The same for a batch's originals, in order, in one transaction (optional: else one by one). */
  afterRecordedMany?(recorded: RecordedRemittance[], between?: () => Promise<void>): Promise<void>;
  viewExtras(remittanceIds: string[]): Promise<Map<string, RemittanceViewExtras>>;
}

/** Nest singleton: a stage registers itself in its module's `onModuleInit`; none registered = store only. */
@Injectable()
export class RemittanceHooks {
  private stage: RemittanceStage | null = null;

  register(stage: RemittanceStage): void {
    if (this.stage) throw new Error('a remittance stage is already registered');
    this.stage = stage;
  }

  async afterRecorded(recorded: RecordedRemittance): Promise<void> {
    await this.stage?.afterRecorded(recorded);
  }

  async afterRecordedMany(recorded: RecordedRemittance[], between?: () => Promise<void>): Promise<void> {
    const stage = this.stage;
    if (!stage || recorded.length === 0) return;
    if (stage.afterRecordedMany) return stage.afterRecordedMany(recorded, between);
    for (const r of recorded) await stage.afterRecorded(r);
  }

  async viewExtras(remittanceIds: string[]): Promise<Map<string, RemittanceViewExtras>> {
    return this.stage && remittanceIds.length > 0 ? this.stage.viewExtras(remittanceIds) : new Map();
  }
}
