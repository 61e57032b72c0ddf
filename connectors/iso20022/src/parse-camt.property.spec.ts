import fc from 'fast-check';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { canonicalRemittanceSchema } from '@ereceipt/contracts';
import { iso20022Connector, parseCamt } from '@connectors/iso20022';

/**
 * Whatever arrives (random text, XML-ish noise, real fixtures cut, spliced or with characters
 * replaced), the parser returns an outcome and never throws; every remittance it emits satisfies
 * the contract.
 */
const dir = join(__dirname, '..', 'test', 'fixtures');
const samples = ['ok', 'not-ok'].flatMap((kind) =>
  readdirSync(join(dir, kind))
    .filter((f) => f.endsWith('.xml'))
    .map((f) => readFileSync(join(dir, kind, f), 'utf8')),
);

const tokens = fc.constantFrom('<', '>', '/', '"', '&', ';', '<!--', '-->', '<![CDATA[', ']]>', '<?xml ?>', '<Ntry>', '</Ntry>', '<TxDtls>', '<Amt Ccy="EUR">', '1.00', '\n', 'xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"', '<Document ', '__proto__', '\uFEFF');

const mutated = fc
  .tuple(fc.constantFrom(...samples), fc.nat(), fc.nat(), fc.oneof(fc.string(), tokens))
  .map(([xml, a, b, insert]) => {
    const i = a % (xml.length + 1);
    const j = i + (b % 40);
    return xml.slice(0, i) + insert + xml.slice(Math.min(j, xml.length));
  });

const outcomeIsSane = async (input: string): Promise<void> => {
  const outcome = await parseCamt(input);
  expect(Array.isArray(outcome.remittances) && Array.isArray(outcome.issues) && Array.isArray(outcome.skipped)).toBe(true);
  if (outcome.unusable) expect(outcome.remittances).toEqual([]);
  for (const r of outcome.remittances) expect(canonicalRemittanceSchema.safeParse(r.remittance).success).toBe(true);
};

describe('parseCamt never throws', () => {
  it('on random strings', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string(), fc.array(tokens).map((t) => t.join(''))), outcomeIsSane), { numRuns: 300 });
  });

  it('on mutated fixtures', async () => {
    await fc.assert(fc.asyncProperty(mutated, outcomeIsSane), { numRuns: 400 });
  });

  it('on random bytes through the connector', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const outcome = await iso20022Connector.parse(bytes);
        expect(typeof outcome.unusable).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });
});
