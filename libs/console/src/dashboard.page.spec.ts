import type { CountAmount, ReconciliationReport, RemittanceCategory } from '@ereceipt/reports';
import { remittanceCategories } from '@ereceipt/reports';
import { partition, renderDashboard } from './dashboard.page';

const ca = (count: number): CountAmount => ({ count, amount: `${count}.00` });

function report(counts: Partial<Record<RemittanceCategory, number>>, received: number): ReconciliationReport {
  const byCategory = Object.fromEntries(remittanceCategories.map((c) => [c, ca(counts[c] ?? 0)])) as Record<RemittanceCategory, CountAmount>;
  const z = ca(0);
  return {
    filter: { from: '2026-12-01', to: '2026-12-07', sellerId: null, currency: null, bank: null }, generatedAt: '2026-12-07T12:00:00.000Z', asOf: '2026-12-07T12:00:00.000Z',
    totals: { received, associated: 0, unmatched: 0, suggested: 0, discrepancies: 0 },
    currencies: [{ currency: 'EUR', received: ca(received), byCategory, underpaid: z, overpaid: z, partial: z, bankChargesAbsorbed: z, duplicates: ca(2), irregular: ca(1), aging: { '0-2': z, '3-7': z, '8-30': z, '>30': z }, kpis: { autoRateByCount: null, autoRateByAmount: null, autoAssociated: z, wrongAutoRate: null, wrongAuto: { unbound: 0, rejected: 0 } } }],
    daily: [], funds: { available: false, note: null, ledgerProof: [], fxSettled: [], withdrawals: [], refunds: [] }, discrepancies: [], exceptions: [], exceptionsTotal: 0,
  };
}

describe('dashboard tiles', () => {
  it('partition what was received, and say so; each tile links to its filtered queue', () => {
    const r = report({ associatedAuto: 1, associatedManual: 1, underReview: 2, suggested: 1, unmatched: 1, returned: 1, identityConflict: 1 }, 8);
    expect(partition(r).holds).toBe(true);
    const page = renderDashboard(r, { csrf: 'c', user: 'u' }, ['EUR']);
    expect(page).toContain('data-sum-holds="true"');
    expect(page).toContain('href="/console/queue?category=underReview&amp;from=2026-12-01&amp;to=2026-12-07"');
    expect(page).toContain('<span class="kpi" data-kpi="underReview">2</span>');
    expect(page).toContain('2 duplicate copies');
  });

  it('says when the tiles do not add up', () => {
    const r = report({ associatedAuto: 1, unmatched: 1 }, 5);
    expect(partition(r).holds).toBe(false);
    expect(renderDashboard(r, { csrf: 'c', user: 'u' }, ['EUR'])).toContain('data-sum-holds="false"');
  });
});
