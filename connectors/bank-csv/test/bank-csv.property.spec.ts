import fc from 'fast-check';
import { canonicalRemittanceSchema } from '@ereceipt/contracts';
import { bankCsvConnector, csvProfileNames } from '@connectors/bank-csv';

/** Never throw for bad input (docs/conventions.md §1): whatever the bytes, an outcome comes back, and it is coherent. */
describe('bank-csv never throws', () => {
  const coherent = async (bytes: Uint8Array, profile: string) => {
    const outcome = await bankCsvConnector.parse(bytes, { profile });
    expect(Array.isArray(outcome.remittances) && Array.isArray(outcome.issues) && Array.isArray(outcome.skipped)).toBe(true);
    if (outcome.unusable) expect(outcome.issues.length).toBeGreaterThan(0);
    for (const { remittance } of outcome.remittances) expect(canonicalRemittanceSchema.safeParse(remittance).success).toBe(true);
  };

  it('on random bytes, with every shipped profile', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.constantFrom(...csvProfileNames), coherent),
      { numRuns: 300 },
    );
  });

  it('on CSV-shaped noise under the generic header', async () => {
    const cell = fc.stringMatching(/^[-+=@0-9.,;"' \tA-Za-z\r\n借贷€]{0,12}$/);
    const row = fc.array(cell, { minLength: 0, maxLength: 10 }).map((cells) => cells.join(','));
    const file = fc.array(row, { maxLength: 30 }).map((rows) => ['value_date,currency,amount,reference,remittance_info', ...rows].join('\n'));
    await fc.assert(
      fc.asyncProperty(file, async (text) => coherent(Buffer.from(text, 'utf8'), 'generic')),
      { numRuns: 300 },
    );
  });
});
