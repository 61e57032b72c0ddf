import { addAmounts, dec } from '@ereceipt/money';
import { type AgingBucket, agingBuckets, type CountAmount, type CurrencySection, type DailyPoint, type RemittanceCategory, remittanceCategories } from './reconciliation-report';

/** Unmatched age in whole UTC days: 0–2, 3–7, 8–30, over 30 (docs/domain.md §7). */
export function agingBucket(ageDays: number): AgingBucket {
  if (ageDays <= 2) return '0-2';
  if (ageDays <= 7) return '3-7';
  if (ageDays <= 30) return '8-30';
  return '>30';
}

/** A ratio as a decimal string with 4 places ("0.9375"), exact division rounded half-even; null for 0/0. */
export function ratio(numerator: string | number, denominator: string | number): string | null {
  const d = dec(String(denominator));
  if (d.isZero()) return null;
  return dec(String(numerator)).dividedBy(d).toDecimalPlaces(4).toFixed(4);
}

export const zero = (currency: string): CountAmount => ({ count: 0, amount: addAmounts(currency) });

export function plus(currency: string, a: CountAmount, count: number, amount: string | null): CountAmount {
  return { count: a.count + count, amount: addAmounts(currency, a.amount, amount ?? '0') };
}

/**
 * One row of the grouped scan (day × currency × category × aging bucket), as the repository
 * returns it. Amounts are PostgreSQL `numeric` sums as text (exact).
 */
export interface GroupRow {
  day: string;
  currency: string;
  category: RemittanceCategory;
  bucket: AgingBucket | null;
  n: number;
  amount: string;
  autoN: number;
  autoAmount: string;
  autoAssociations: number;
  autoUnbound: number;
  autoRejected: number;
  underpaidN: number;
  underpaidAmount: string;
  overpaidN: number;
  overpaidAmount: string;
  partialN: number;
  partialAmount: string;
  chargesN: number;
  charges: string;
}

interface Acc {
  section: CurrencySection;
  autoAssociations: number;
}

function emptySection(currency: string): CurrencySection {
  const z = () => zero(currency);
  return {
    currency,
    received: z(),
    byCategory: Object.fromEntries(remittanceCategories.map((c) => [c, z()])) as Record<RemittanceCategory, CountAmount>,
    underpaid: z(),
    overpaid: z(),
    partial: z(),
    bankChargesAbsorbed: z(),
    duplicates: z(),
    irregular: z(),
    aging: Object.fromEntries(agingBuckets.map((b) => [b, z()])) as Record<AgingBucket, CountAmount>,
    kpis: { autoRateByCount: null, autoRateByAmount: null, autoAssociated: z(), wrongAutoRate: null, wrongAuto: { unbound: 0, rejected: 0 } },
  };
}

const ASSOCIATED: readonly RemittanceCategory[] = ['associatedAuto', 'associatedManual'];

/** Folds the grouped rows into one section per currency (sorted by code) and the daily series. */
export function summarise(
  rows: GroupRow[],
  duplicates: Array<{ currency: string; n: number; amount: string }>,
  irregular: Array<{ currency: string; n: number; amount: string }> = [],
): { currencies: CurrencySection[]; daily: DailyPoint[] } {
  const byCurrency = new Map<string, Acc>();
  const daily = new Map<string, DailyPoint>();
  const acc = (currency: string): Acc => {
    let a = byCurrency.get(currency);
    if (!a) byCurrency.set(currency, (a = { section: emptySection(currency), autoAssociations: 0 }));
    return a;
  };
  for (const r of rows) {
    const a = acc(r.currency);
    const s = a.section;
    const c = r.currency;
    s.received = plus(c, s.received, r.n, r.amount);
    s.byCategory[r.category] = plus(c, s.byCategory[r.category], r.n, r.amount);
    if (r.bucket) s.aging[r.bucket] = plus(c, s.aging[r.bucket], r.n, r.amount);
    s.underpaid = plus(c, s.underpaid, r.underpaidN, r.underpaidAmount);
    s.overpaid = plus(c, s.overpaid, r.overpaidN, r.overpaidAmount);
    s.partial = plus(c, s.partial, r.partialN, r.partialAmount);
    s.bankChargesAbsorbed = plus(c, s.bankChargesAbsorbed, r.chargesN, r.charges);
    s.kpis.autoAssociated = plus(c, s.kpis.autoAssociated, r.autoN, r.autoAmount);
    s.kpis.wrongAuto.unbound += r.autoUnbound;
    s.kpis.wrongAuto.rejected += r.autoRejected;
    a.autoAssociations += r.autoAssociations;
    const key = `${r.day}|${c}`;
    const point = daily.get(key) ?? { day: r.day, currency: c, received: zero(c), associated: zero(c) };
    point.received = plus(c, point.received, r.n, r.amount);
    if (ASSOCIATED.includes(r.category)) point.associated = plus(c, point.associated, r.n, r.amount);
    daily.set(key, point);
  }
  for (const d of duplicates) {
    const s = acc(d.currency).section;
    s.duplicates = plus(d.currency, s.duplicates, d.n, d.amount);
  }
  for (const d of irregular) {
    const s = acc(d.currency).section;
    s.irregular = plus(d.currency, s.irregular, d.n, d.amount);
  }
  for (const { section: s, autoAssociations } of byCurrency.values()) {
    s.kpis.autoRateByCount = ratio(s.kpis.autoAssociated.count, s.received.count);
    s.kpis.autoRateByAmount = ratio(s.kpis.autoAssociated.amount, s.received.amount);
    s.kpis.wrongAutoRate = ratio(s.kpis.wrongAuto.unbound + s.kpis.wrongAuto.rejected, autoAssociations);
  }
  const currencies = [...byCurrency.values()].map((a) => a.section).sort((x, y) => x.currency.localeCompare(y.currency));
  return { currencies, daily: [...daily.values()].sort((x, y) => x.day.localeCompare(y.day) || x.currency.localeCompare(y.currency)) };
}
