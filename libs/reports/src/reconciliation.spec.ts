import ExcelJS from 'exceljs';
import type { ReconciliationReport } from './reconciliation-report';
import { agingBucket, type GroupRow, ratio, summarise } from './reconciliation.rules';
import { csvCell, neutraliseCell, reportToCsv } from './report-csv';
import { NO_FUNDS } from './funds-report.port';
import { currencyFormat, reportToXlsx } from './report-xlsx';

const row = (over: Partial<GroupRow>): GroupRow => ({
  day: '2026-11-02', currency: 'USD', category: 'unmatched', bucket: null, n: 1, amount: '0.00', autoN: 0, autoAmount: '0', autoAssociations: 0, autoUnbound: 0, autoRejected: 0,
  underpaidN: 0, underpaidAmount: '0', overpaidN: 0, overpaidAmount: '0', partialN: 0, partialAmount: '0', chargesN: 0, charges: '0', ...over,
});

const rows: GroupRow[] = [
  row({ category: 'associatedAuto', n: 3, amount: '3000.10', autoN: 3, autoAmount: '3000.10', autoAssociations: 4, autoUnbound: 1, chargesN: 1, charges: '15.00' }),
  row({ day: '2026-11-03', category: 'associatedManual', n: 1, amount: '0.20', autoN: 1, autoAmount: '0.20', autoAssociations: 1 }),
  row({ category: 'unmatched', bucket: '8-30', n: 2, amount: '99.70' }),
  row({ category: 'suggested', bucket: '0-2', n: 1, amount: '1.00' }),
  row({ currency: 'JPY', category: 'associatedAuto', n: 2, amount: '150000', autoN: 2, autoAmount: '150000', autoAssociations: 2, autoRejected: 1 }),
];

function report(): ReconciliationReport {
  const { currencies, daily } = summarise(rows, [{ currency: 'USD', n: 1, amount: '5.00' }]);
  return {
    filter: { from: '2026-11-01', to: '2026-11-30', sellerId: null, currency: null, bank: null },
    generatedAt: '2026-12-01T06:00:00.000Z', asOf: '2026-11-30T23:59:59.999Z',
    totals: { received: 9, associated: 6, unmatched: 2, suggested: 1, discrepancies: 1 },
    currencies, daily, funds: NO_FUNDS,
    discrepancies: [{ code: 'STATUS_WITHOUT_ASSOCIATION', currency: 'USD', message: 'x', records: [{ type: 'remittance', id: 'r-1', detail: '=cmd|calc' }] }],
    exceptions: [{ remittanceId: 'r-2', messageRef: 'REF1', receivedAt: '2026-11-02T10:00:00.000Z', valueDate: '2026-11-02', currency: 'USD', amount: '99.70', payerName: '@SUM(A1)', sellerId: null, status: 'PENDING_ASSOCIATION', category: 'unmatched', reason: 'MATCHING.NO_CANDIDATE', ageDays: 28 }],
    exceptionsTotal: 1,
  };
}

describe('reconciliation rules', () => {
  it('ages unmatched remittances in the four buckets', () => {
    expect([0, 2, 3, 7, 8, 30, 31, 400].map(agingBucket)).toEqual(['0-2', '0-2', '3-7', '3-7', '8-30', '8-30', '>30', '>30']);
  });

  it('ratios are exact decimal strings with 4 places, null for nothing', () => {
    expect(ratio(2, 3)).toBe('0.6667');
    expect(ratio('3000.30', '3101.00')).toBe('0.9675');
    expect(ratio(0, 0)).toBeNull();
  });

  it('sums each currency apart, exactly, with the KPIs defined in the README', () => {
    const { currencies, daily } = summarise(rows, [{ currency: 'USD', n: 1, amount: '5.00' }]);
    const [jpy, usd] = currencies;
    expect(usd.currency).toBe('USD');
    expect(usd.received).toEqual({ count: 7, amount: '3101.00' });
    expect(usd.byCategory.associatedAuto).toEqual({ count: 3, amount: '3000.10' });
    expect(usd.aging['8-30']).toEqual({ count: 2, amount: '99.70' });
    expect(usd.bankChargesAbsorbed).toEqual({ count: 1, amount: '15.00' });
    expect(usd.duplicates).toEqual({ count: 1, amount: '5.00' });
    expect(usd.kpis).toEqual({ autoRateByCount: '0.5714', autoRateByAmount: '0.9675', autoAssociated: { count: 4, amount: '3000.30' }, wrongAutoRate: '0.2000', wrongAuto: { unbound: 1, rejected: 0 } });
    expect(jpy.received).toEqual({ count: 2, amount: '150000' });
    expect(jpy.kpis.wrongAutoRate).toBe('0.5000');
    expect(daily.find((d) => d.day === '2026-11-02' && d.currency === 'USD')).toEqual({ day: '2026-11-02', currency: 'USD', received: { count: 6, amount: '3100.80' }, associated: { count: 3, amount: '3000.10' } });
  });
});

describe('CSV', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', 'ok', '1.00'].map(neutraliseCell)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", 'ok', '1.00']);
    expect(csvCell('=HYPERLINK("http://x","a,b")')).toBe(`"'=HYPERLINK(""http://x"",""a,b"")"`);
  });

  it('writes one long table with amounts as decimal strings and no live formula', () => {
    const csv = reportToCsv(report());
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('section,currency,metric,count,amount,record_type,record_id,detail');
    expect(lines).toContain('summary,USD,received,7,3101.00,,,');
    expect(lines).toContain('summary,JPY,received,2,150000,,,');
    expect(lines).toContain("discrepancy,USD,STATUS_WITHOUT_ASSOCIATION,,,remittance,r-1,'=cmd|calc");
    expect(lines.some((l) => /,[=+@]/.test(l))).toBe(false);
  });
});

describe('XLSX', () => {
  it('reads back with the same totals, typed cells and currency formats', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportToXlsx(report())) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Aging', 'Daily', 'Exceptions', 'Discrepancies', 'Funds']);
    const summary = wb.getWorksheet('Summary')!;
    const find = (currency: string, metric: string) => {
      let found: ExcelJS.Row | undefined;
      summary.eachRow((r) => { if (r.getCell(1).value === currency && r.getCell(2).value === metric) found = r; });
      return found!;
    };
    const received = find('USD', 'Received');
    expect(received.getCell(3).value).toBe(7);
    expect(received.getCell(4).value).toBe(3101);
    expect(received.getCell(4).numFmt).toBe('#,##0.00 "USD"');
    expect(find('JPY', 'Received').getCell(4).numFmt).toBe('#,##0 "JPY"');
    expect(find('USD', 'Auto rate by count').getCell(4)).toMatchObject({ value: 0.5714, numFmt: '0.00%' });
    // The categories add up to what was received, per currency, read back from the file.
    const cats = ['Associated automatically', 'Associated by hand', 'Under review (proposed)', 'Suggested', 'Unmatched', 'Follow-up (rejected)', 'Returned', 'Inconsistent (see discrepancies)'];
    const minor = cats.reduce((s, m) => s + Math.round((find('USD', m).getCell(4).value as number) * 100), 0);
    expect(minor).toBe(310100);
    const daily = wb.getWorksheet('Daily')!;
    expect(daily.getRow(2).getCell(1).value).toBeInstanceOf(Date);
    const exceptions = wb.getWorksheet('Exceptions')!;
    expect(exceptions.getRow(2).getCell(7).value).toBe("'@SUM(A1)");
    expect(currencyFormat('KWD')).toBe('#,##0.000 "KWD"');
  });
});
