import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ChargeTolerancePolicy } from '../domain';
import type { SellerMatchingSettings } from '../matching-settings.entity';
import type { ReviewPolicy } from '../review-policy.rules';

interface SettingsRow {
  charge_tolerance_percent: string;
  charge_tolerance_absolute: string;
  review_policy: ReviewPolicy;
  effective_at: Date;
  changed_by: string;
  note: string | null;
}

const COLUMNS = `charge_tolerance_percent::text as charge_tolerance_percent, charge_tolerance_absolute::text as charge_tolerance_absolute, review_policy, effective_at, changed_by, note`;

function toSettings(r: SettingsRow): SellerMatchingSettings {
  return { chargeTolerance: { percent: r.charge_tolerance_percent, absolute: r.charge_tolerance_absolute }, reviewPolicy: r.review_policy, effectiveAt: new Date(r.effective_at), changedBy: r.changed_by, note: r.note };
}

/** The history of sellers' matching settings (`matching_settings`, append-only by use). */
export class MatchingSettingsRepository {
  constructor(private readonly em: EntityManager) {}

  /** In force now: the latest row; null = the defaults. */
  async current(sellerId: string): Promise<SellerMatchingSettings | null> {
    const [row] = await this.em.execute<SettingsRow[]>(`select ${COLUMNS} from matching_settings where seller_id = ? order by effective_at desc limit 1`, [sellerId]);
    return row ? toSettings(row) : null;
  }

  /** Newest first. */
  async history(sellerId: string, limit = 1000): Promise<SellerMatchingSettings[]> {
    const rows = await this.em.execute<SettingsRow[]>(`select ${COLUMNS} from matching_settings where seller_id = ? order by effective_at desc limit ?`, [sellerId, limit]);
    return rows.map(toSettings);
  }

  async append(sellerId: string, settings: { chargeTolerance: ChargeTolerancePolicy; reviewPolicy: ReviewPolicy }, changedBy: string, note: string | null): Promise<Date> {
    const [row] = await this.em.execute<Array<{ effective_at: Date }>>(
      `insert into matching_settings (id, seller_id, charge_tolerance_percent, charge_tolerance_absolute, review_policy, effective_at, changed_by, note) values (?, ?, ?, ?, ?, clock_timestamp(), ?, ?) returning effective_at`,
      [randomUUID(), sellerId, settings.chargeTolerance.percent, settings.chargeTolerance.absolute, settings.reviewPolicy, changedBy, note],
    );
    return new Date(row.effective_at);
  }
}
