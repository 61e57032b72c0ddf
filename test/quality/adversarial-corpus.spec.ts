import { parseFin } from '@connectors/swift-mt';
import { generateCorpus, KINDS, kindCounts, renderCamt054, renderMt103, SETUP_KIND } from './adversarial-corpus';
import { defaultChargeTolerance, toDecimal, toMinor } from './corpus-support';

const corpus = generateCorpus({ seed: 7, wires: 400, orders: 3_000 });
const orders = new Map(corpus.orders.map((o) => [o.orderNo, o]));
const render = { refPrefix: 'T', valueDate: '2026-12-01' };

describe('adversarial corpus generator (pure, seeded)', () => {
  it('is deterministic: the same seed and size give the same corpus, another seed another one', () => {
    expect(JSON.stringify(generateCorpus({ seed: 7, wires: 400, orders: 3_000 }))).toBe(JSON.stringify(corpus));
    expect(JSON.stringify(generateCorpus({ seed: 8, wires: 400, orders: 3_000 }).wires)).not.toBe(JSON.stringify(corpus.wires));
    expect(renderMt103(corpus.wires[0], render)).toBe(renderMt103(corpus.wires[0], render));
  });

  it('holds every kind (at least 3 wires each), about the size asked, and the orders asked', () => {
    const counts = new Map<string, number>();
    for (const w of corpus.wires) counts.set(w.kind, (counts.get(w.kind) ?? 0) + 1);
    for (const k of KINDS) expect([k, counts.get(k) ?? 0]).toEqual([k, expect.any(Number)]);
    for (const k of KINDS) expect(counts.get(k)).toBeGreaterThanOrEqual(3);
    const scored = corpus.wires.filter((w) => w.kind !== SETUP_KIND).length;
    expect(scored).toBeGreaterThanOrEqual(400 * 0.9);
    expect(scored).toBeLessThanOrEqual(400 * 1.2);
    expect(corpus.orders.length).toBeGreaterThanOrEqual(3_000);
    expect(Object.values(kindCounts(20_000)).reduce((a, b) => a + b, 0)).toBeGreaterThan(18_000);
  });

  it('orders: unique dense numbers, milestones add up to the total, amounts are exact decimal strings', () => {
    expect(new Set(corpus.orders.map((o) => o.orderNo)).size).toBe(corpus.orders.length);
    corpus.orders.forEach((o, i) => expect(o.orderNo).toBe(`EO-2026-${String(i + 1).padStart(6, '0')}`));
    for (const o of corpus.orders) {
      for (const a of [o.deposit, o.balance, o.total]) expect(a).toMatch(/^\d+\.\d{2}$/);
      expect(toMinor(o.deposit, o.currency) + toMinor(o.balance, o.currency)).toBe(toMinor(o.total, o.currency));
      expect(toMinor(o.deposit, o.currency)).toBeGreaterThan(0n);
    }
  });

  it('labels are consistent: AUTO allocations add up to the wire, belong to its seller and currency; REVIEW intends real orders', () => {
    expect(new Set(corpus.wires.map((w) => w.id)).size).toBe(corpus.wires.length);
    for (const w of corpus.wires) {
      expect(w.amount).toMatch(/^\d+\.\d{2}$/);
      if (w.label.expect === 'AUTO') {
        const total = w.label.allocations.reduce((s, a) => s + toMinor(a.amount, w.currency), 0n);
        expect([w.id, toDecimal(total, w.currency)]).toEqual([w.id, w.amount]);
        for (const a of w.label.allocations) {
          const o = orders.get(a.orderNo)!;
          expect(o).toBeDefined();
          expect([w.id, o.sellerIndex, o.currency]).toEqual([w.id, w.sellerIndex, w.currency]);
        }
        expect(new Set(w.label.allocations.map((a) => a.orderNo)).size).toBe(w.label.allocations.length);
      } else {
        for (const no of w.label.intended) expect(orders.get(no)).toBeDefined();
      }
      if (w.settle) expect(w.label).toEqual({ expect: 'AUTO', allocations: w.settle });
    }
  });

  it('per kind, the label the rules call for', () => {
    const of = (kind: string) => corpus.wires.filter((w) => w.kind === kind);
    for (const k of ['third-party-own-account', 'third-party-known-account', 'unknown-order-ref', 'other-seller-order', 'typo-transposition', 'typo-dropped-digit', 'amount-only-50', 'amount-only-200', 'amount-coincidence', 'currency-mismatch', 'wrong-virtual-account', 'overpayment', 'underpayment']) {
      for (const w of of(k)) expect([w.id, k, w.label.expect]).toEqual([w.id, k, 'REVIEW']);
    }
    for (const k of ['exact-ref', 'ref-split-line', 'ref-lower-case', 'ref-no-dashes', 'ref-inv-prefix', 'fees-sha-71f', 'fees-ben-71f', 'fees-two-banks-71f', 'deposit-then-balance', 'two-orders-quoted', 'three-orders-quoted', 'two-orders-unquoted', 'three-orders-unquoted', 'amount-only-few', 'camt054-exact']) {
      for (const w of of(k)) expect([w.id, k, w.label.expect]).toEqual([w.id, k, 'AUTO']);
    }
    // Fees: 33B is the milestone, the shortfall within the default tolerance.
    for (const w of [...of('fees-sha-71f'), ...of('fees-ben-71f'), ...of('fees-two-banks-71f')]) {
      const shortfall = toMinor(w.instructed!, w.currency) - toMinor(w.amount, w.currency);
      expect(shortfall).toBeGreaterThan(0n);
      expect(shortfall).toBeLessThanOrEqual(defaultChargeTolerance(toMinor(w.instructed!, w.currency), w.currency));
      expect(w.charges.length).toBe(w.kind === 'fees-two-banks-71f' ? 2 : 1);
      expect(w.charges.reduce((a, c) => a + toMinor(c, w.currency), 0n)).toBe(shortfall);
    }
    // Known account: the third party pays from an account a setup wire of the buyer used first.
    for (const w of of('third-party-known-account')) expect(corpus.wires.some((s) => s.kind === SETUP_KIND && s.phase === 0 && s.payerAccount === w.payerAccount && s.payerName !== w.payerName)).toBe(true);
    // Typos quote a number that is a real order of the same seller, not the intended one.
    for (const w of [...of('typo-transposition'), ...of('typo-dropped-digit')]) {
      const quoted = /EO-2026-(\d+)/.exec(w.remittanceInfo.join(' '))![1];
      const landed = orders.get(`EO-2026-${quoted.padStart(6, '0')}`)!;
      expect(landed.sellerIndex).toBe(w.sellerIndex);
      expect(w.label).toEqual({ expect: 'REVIEW', intended: [expect.not.stringMatching(landed.orderNo)] });
    }
    // Balances come after their deposits.
    for (const w of of('deposit-then-balance')) expect(w.phase).toBe(w.variant === 'deposit' ? 1 : 2);
  });

  it('renders bank files the SWIFT connector reads back with the same amounts, charges and text', () => {
    for (const w of corpus.wires.filter((x) => x.format === 'mt103')) {
      const out = parseFin(renderMt103(w, render));
      expect([w.id, out.issues]).toEqual([w.id, []]);
      const r = out.remittances[0].remittance;
      expect([w.id, r.amount, r.currency, r.instructedAmount?.amount ?? null, r.payer.name, r.beneficiary.account]).toEqual([w.id, w.amount, w.currency, w.instructed, w.payerName, w.beneficiaryAccount]);
      for (const line of w.remittanceInfo) expect(r.remittanceInfo).toContain(line);
    }
    const camt = corpus.wires.find((x) => x.format === 'camt054')!;
    expect(renderCamt054(camt, render)).toContain(`<Amt Ccy="${camt.currency}">${camt.amount}</Amt>`);
  });
});
