import { iso20022Connector } from '@connectors/iso20022';
import { bankCsvConnector } from '@connectors/bank-csv';
import { buildCamt054, buildGenericCsv } from '@ereceipt/testing';

describe('camt.054 and CSV builders (test data)', () => {
  it('builds a camt.054.001.08 the real parser accepts, UETR in Refs', async () => {
    const uetr = 'eb6305c9-1f7f-49de-aed0-16487c27b42d';
    const out = await iso20022Connector.parse(Buffer.from(buildCamt054({ credits: [{ ref: 'R1', uetr }, { ref: 'R2', amount: '10.50', currency: 'EUR' }] })));
    expect(out.issues).toEqual([]);
    expect(out.remittances.map((r) => r.remittance)).toMatchObject([
      { source: 'camt054', messageRef: 'R1', uetr, amount: '9985.00', currency: 'USD', senderBic: 'CHASUS33XXX' },
      { messageRef: 'R2', amount: '10.50', currency: 'EUR' },
    ]);
  });

  it('builds a generic CSV; a bad row is reported with its line and column', async () => {
    const out = await bankCsvConnector.parse(Buffer.from(buildGenericCsv([{ reference: 'C1' }, { reference: 'C2', valueDate: '2026-13-45' }, { reference: 'C3', amount: '-5.00' }])));
    expect(out.remittances.map((r) => r.remittance.references)).toEqual([['C1']]);
    expect(out.issues).toMatchObject([{ line: 3, field: 'value_date' }]);
    expect(out.skipped).toHaveLength(1);
  });
});
