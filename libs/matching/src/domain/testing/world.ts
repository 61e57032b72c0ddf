import { fromMinorUnits, minorDigits } from '@ereceipt/money';
import type { CandidateBuyer, CandidateOrder, MatchingContext } from '@ereceipt/matching';
import type { Rng } from './prng';

/** A seller's small world for one corpus case: buyers with distinct names, their open orders. */
const BRANDS = ['ACME', 'NORDIC', 'PACIFIC', 'ATLAS', 'BOREAL', 'CASCADE', 'DELTA', 'EMERALD', 'FALCON', 'GRANITE', 'HARBOR', 'IVORY', 'JUNIPER', 'KESTREL', 'LAUREL', 'MERIDIAN', 'NEPTUNE', 'ORCHID', 'PINNACLE', 'QUARTZ', 'RAVEN', 'SEQUOIA', 'TUNDRA', 'ULTRAMAR', 'VERTEX', 'WILLOW', 'ZENITH', 'AURORA', 'COBALT', 'SIERRA'];
const TRADES = ['TRADING', 'LIGHTING', 'IMPORTS', 'HOMEWARE', 'TEXTILES', 'MACHINERY', 'ELECTRONICS', 'FURNITURE', 'HARDWARE', 'PACKAGING', 'APPLIANCES', 'OUTDOOR', 'CERAMICS', 'WHOLESALE', 'DISTRIBUTION', 'SUPPLIES'];
export const LEGAL_FORMS = ['LLC', 'LTD', 'GMBH', 'INC', 'CO LTD', 'S.A.', 'CORP', 'SARL', 'BV', 'PTE LTD', 'S.R.L.', 'AG'];
export const THIRD_PARTIES = ['GLOBAL FREIGHT FINANCE', 'JOHN SMITH', 'HONGKONG ORIENT AGENCY', 'QUICKPAY REMIT SERVICES', 'MARIA GARCIA LOPEZ', 'SUNRISE HOLDINGS', 'BLUEWATER CAPITAL', 'PETROV IVAN', 'MAPLE FACTORING'];

export interface World {
  currency: string;
  digits: number;
  buyers: CandidateBuyer[];
  orders: CandidateOrder[];
  context: MatchingContext;
  usedSeqs: Set<string>;
}

export function addDays(date: string, days: number): string {
  const t = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function freshSeq(rng: Rng, world: World): string {
  for (;;) {
    const seq = String(rng.int(1, 999_999)).padStart(6, '0');
    if (!world.usedSeqs.has(seq)) {
      world.usedSeqs.add(seq);
      return seq;
    }
  }
}

export function anAmount(rng: Rng, world: World): bigint {
  return world.digits === 0 ? rng.big(20_000n, 6_000_000n) : rng.big(20_000n, 6_000_000n) * (world.digits === 3 ? 10n : 1n);
}

/** An order for `buyer`: one milestone, or a 30 % deposit and a 70 % balance (deposit maybe paid). */
export function addOrder(rng: Rng, world: World, buyer: CandidateBuyer, opts: { total?: bigint; seq?: string; twoStage?: boolean; depositPaid?: boolean; currency?: string } = {}): CandidateOrder {
  const currency = opts.currency ?? world.currency;
  const total = opts.total ?? anAmount(rng, world);
  const seq = opts.seq ?? freshSeq(rng, world);
  const created = addDays('2026-01-05', rng.int(0, 200));
  const twoStage = opts.twoStage ?? rng.chance(0.5);
  const fmt = (v: bigint) => fromMinorUnits(v, currency);
  const zero = fmt(0n);
  const deposit = (total * 30n) / 100n;
  const milestones: CandidateOrder['milestones'] = twoStage
    ? [
        { kind: 'DEPOSIT', amount: fmt(deposit), paidAmount: opts.depositPaid ? fmt(deposit) : zero, dueDate: addDays(created, 10), preShipment: true },
        { kind: 'BALANCE', amount: fmt(total - deposit), paidAmount: zero, dueDate: addDays(created, 60), preShipment: false },
      ]
    : [{ kind: 'BALANCE', amount: fmt(total), paidAmount: zero, dueDate: addDays(created, 30), preShipment: true }];
  const order: CandidateOrder = { orderNo: `EO-2026-${seq}`, sellerId: 'S1', buyer, currency, milestones, createdDate: created, expectedShipDate: addDays(created, rng.int(30, 60)) };
  world.orders.push(order);
  return order;
}

export function makeWorld(rng: Rng): World {
  const currency = rng.pick(['USD', 'USD', 'USD', 'EUR', 'EUR', 'JPY', 'KWD']);
  const n = rng.int(3, 6);
  const brands = rng.sample(BRANDS, n);
  const trades = rng.sample(TRADES, n);
  const buyers = brands.map((b, i) => ({ key: `B${i + 1}`, name: `${b} ${trades[i]} ${rng.pick(LEGAL_FORMS)}` }));
  const world: World = {
    currency,
    digits: minorDigits(currency)!,
    buyers,
    orders: [],
    usedSeqs: new Set(),
    context: { ruleVersion: 'corpus-rules/1', seller: { sellerId: 'S1' }, orders: [], knownPaymentIds: [], knownPayerAccounts: [], chargeTolerance: null, names: null },
  };
  // The first buyer is the payer in most scenarios: it gets three orders, the others one to three.
  for (const buyer of buyers) {
    const count = buyer === buyers[0] ? 3 : rng.int(1, 3);
    for (let i = 0; i < count; i++) addOrder(rng, world, buyer, { depositPaid: rng.chance(0.25) });
  }
  if (rng.chance(0.5)) addOrder(rng, world, buyers[1], { currency: currency === 'EUR' ? 'USD' : 'EUR' });
  world.context.orders = world.orders;
  return world;
}
