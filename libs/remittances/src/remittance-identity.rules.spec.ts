import { remittanceFingerprint, compareWireMoney, identityOf, type IdentityCandidate, type WireMoney } from './remittance-identity.rules';
import { goldenCases, type GoldenOutcome } from '../test/identity/golden';

const usd = (amount: string, over: Partial<WireMoney> = {}): WireMoney => ({ currency: 'USD', amount, instructedAmount: null, chargeBearer: 'SHA', chargesDeducted: [], ...over });

describe('compareWireMoney: can two notifications with one UETR be the same credit?', () => {
  it('the same money agrees, whatever the decimals written', () => {
    expect(compareWireMoney(usd('9985.00'), usd('9985'))).toEqual({ agrees: true, charge: null, note: null });
  });

  it('a gap covered by the charges the lower one lists (71F) agrees and names the charge', () => {
    const hop2 = usd('9985.00', { instructedAmount: { currency: 'USD', amount: '10000.00' }, chargesDeducted: [{ currency: 'USD', amount: '15.00' }] });
    expect(compareWireMoney(usd('10000.00'), hop2)).toMatchObject({ agrees: true, charge: { currency: 'USD', amount: '15.00' } });
    // Either order: the second hop may arrive first.
    expect(compareWireMoney(hop2, usd('10000.00'))).toMatchObject({ agrees: true, charge: { currency: 'USD', amount: '15.00' } });
  });

  it('a gap beyond the listed charges is a conflict, even when 33B would leave room', () => {
    const lower = usd('9000.00', { instructedAmount: { currency: 'USD', amount: '10000.00' }, chargesDeducted: [{ currency: 'USD', amount: '15.00' }] });
    expect(compareWireMoney(usd('9985.00'), lower)).toMatchObject({ agrees: false, reason: expect.stringContaining('amount differs by USD 985.00') });
  });

  it('33B explains a gap when the lower one lists no charges (SHA/BEN), not beyond the instructed amount, not under OUR', () => {
    const lower = (bearer: WireMoney['chargeBearer']) => usd('9980.00', { instructedAmount: { currency: 'USD', amount: '10000.00' }, chargeBearer: bearer });
    expect(compareWireMoney(usd('10000.00'), lower('BEN'))).toMatchObject({ agrees: true, charge: { amount: '20.00' } });
    expect(compareWireMoney(usd('10000.01'), lower('SHA'))).toMatchObject({ agrees: false });
    expect(compareWireMoney(usd('10000.00'), lower('OUR'))).toMatchObject({ agrees: false });
  });

  it('OUR with 71G: the higher one instructs exactly the lower amount', () => {
    const our = usd('5025.00', { instructedAmount: { currency: 'USD', amount: '5000.00' }, chargeBearer: 'OUR' });
    expect(compareWireMoney(usd('5000.00'), our)).toMatchObject({ agrees: true, charge: { amount: '25.00' } });
  });

  it('another currency agrees only through the instructed amount (converted along the chain)', () => {
    const eur = { currency: 'EUR', amount: '10000.00', instructedAmount: null, chargeBearer: 'SHA' as const, chargesDeducted: [] };
    const usdLeg = usd('10820.00', { instructedAmount: { currency: 'EUR', amount: '10000.00' } });
    expect(compareWireMoney(eur, usdLeg)).toMatchObject({ agrees: true, charge: null });
    expect(compareWireMoney({ ...eur, amount: '3000.00' }, usd('9985.00'))).toMatchObject({ agrees: false, reason: 'currency differs: EUR 3000.00 stored, USD 9985.00 now' });
  });

  it('two different instructed amounts are two payments', () => {
    const a = usd('9985.00', { instructedAmount: { currency: 'USD', amount: '10000.00' }, chargesDeducted: [{ currency: 'USD', amount: '15.00' }] });
    const b = usd('9985.00', { instructedAmount: { currency: 'USD', amount: '9999.00' } });
    expect(compareWireMoney(a, b)).toMatchObject({ agrees: false, reason: expect.stringContaining('instructed amounts differ') });
  });
});

describe('identityOf', () => {
  const candidate = (id: string, money: WireMoney, over: Partial<IdentityCandidate> = {}): IdentityCandidate => ({ id, rank: 0, conflictsWith: null, money, ...over });

  it('no candidate: an original', () => {
    expect(identityOf(usd('1.00'), [])).toEqual({ kind: 'original' });
  });

  it('a copy of an earlier conflict is a duplicate of that conflict, not a new conflict', () => {
    const eur = { ...usd('3000.00'), currency: 'EUR' };
    expect(identityOf(eur, [candidate('usd', usd('9985.00')), candidate('eur', eur, { conflictsWith: 'usd' })])).toMatchObject({ kind: 'duplicate', of: 'eur' });
  });

  it('other money under a stored UETR: a conflict with the original, even when found through a conflict row', () => {
    const jpy = { ...usd('400000'), currency: 'JPY' };
    const eur = { ...usd('3000.00'), currency: 'EUR' };
    expect(identityOf(jpy, [candidate('eur', eur, { conflictsWith: 'usd' }), candidate('usd', usd('9985.00'))])).toMatchObject({ kind: 'conflict', with: 'usd' });
  });

  it('a fingerprint match agrees by construction; an EndToEndId or fingerprint candidate never makes a conflict', () => {
    expect(identityOf(usd('5.00'), [candidate('fp', usd('5.00'), { rank: 2 })])).toMatchObject({ kind: 'duplicate', of: 'fp' });
    expect(identityOf(usd('5.00'), [candidate('e2e', usd('6.00'), { rank: 1 })])).toEqual({ kind: 'original' });
  });
});

describe('golden cases (libs/remittances/test/identity): each file received in order', () => {
  it.each([['mt103-then-camt054'], ['gpi-two-hops'], ['reused-uetr']])('%s', async (name) => {
    const c = (await goldenCases()).find((g) => g.name === name);
    if (!c) throw new Error(`no golden case ${name}`);
    // What PostgreSQL would find: earlier non-copies with the same UETR (rank 0) or fingerprint (rank 2).
    const kept: Array<{ name: string; uetr: string | null; fp: string; candidate: IdentityCandidate }> = [];
    const seen: GoldenOutcome[] = [];
    for (const w of c.files.flatMap((f) => f.wires)) {
      const fp = remittanceFingerprint(w.remittance);
      const candidates = kept.flatMap((k) =>
        k.uetr && k.uetr === w.remittance.uetr ? [k.candidate] : k.fp === fp ? [{ ...k.candidate, rank: 2 as const }] : [],
      );
      const identity = identityOf(w.remittance, candidates);
      const nameOf = (id: string) => kept.find((k) => k.candidate.id === id)?.name;
      if (identity.kind === 'original') seen.push({ wire: w.name, outcome: 'original' });
      else if (identity.kind === 'duplicate') seen.push({ wire: w.name, outcome: 'duplicate', of: nameOf(identity.of), charge: identity.charge, note: identity.note });
      else seen.push({ wire: w.name, outcome: 'conflict', of: nameOf(identity.with), note: identity.reason });
      if (identity.kind !== 'duplicate') kept.push({ name: w.name, uetr: w.remittance.uetr, fp, candidate: { id: w.name, rank: 0, conflictsWith: identity.kind === 'conflict' ? identity.with : null, money: w.remittance } });
    }
    expect(seen).toEqual(c.expected);
  });
});
