import type { CanonicalRemittance } from '@ereceipt/contracts';
import type { CandidateOrder } from '@ereceipt/matching';
import type { Rng } from './prng';
import { allocate, type CaseLabel, countSettling, type Pay, payerVariant, refText, remit, targetsOf, tolerance } from './scenario-kit';
import { addDays, addOrder, freshSeq, THIRD_PARTIES, type World } from './world';

export interface Scenario {
  remittance: CanonicalRemittance;
  label: CaseLabel;
}
type Make = (rng: Rng, world: World) => Scenario;

const buyerOrders = (w: World, key: string) => w.orders.filter((o) => o.buyer.key === key && o.currency === w.currency);
const payer0 = (rng: Rng, w: World) => payerVariant(rng, w.buyers[0].name);
const exact = (net: bigint): Pay => ({ net, gross: null, bearer: null });
const auto = (w: World, parts: Array<{ orderNo: string; target: bigint }>, net: bigint): CaseLabel => ({ kind: 'AUTO', allocations: allocate(w, parts, net) });
const mustNot = (why: string, ...orders: CandidateOrder[]): CaseLabel => ({ kind: 'MUST_NOT_AUTO', why, intended: orders.map((o) => o.orderNo) });

/** No reference: auto-able only if exactly one combination of the payer's orders settles it. */
function byAmount(w: World, pay: Pay, parts: Array<{ order: CandidateOrder; target: bigint }>): CaseLabel {
  const unique = countSettling(w, buyerOrders(w, parts[0].order.buyer.key), pay) === 1;
  return unique ? auto(w, parts.map((p) => ({ orderNo: p.order.orderNo, target: p.target })), pay.net) : mustNot('ambiguous amount', ...parts.map((p) => p.order));
}

const withRef: Make = (rng, w) => {
  const o = rng.pick(buyerOrders(w, 'B1'));
  const t = rng.pick(targetsOf(o));
  return { remittance: remit(w, rng, { pay: exact(t), payerName: payer0(rng, w), after: [o], ...refText(rng, [o.orderNo]) }), label: auto(w, [{ orderNo: o.orderNo, target: t }], t) };
};

const shaWithin: Make = (rng, w) => {
  const o = rng.pick(buyerOrders(w, 'B1'));
  const t = targetsOf(o)[0];
  const fee = rng.big(1n, tolerance(w, t));
  const pay: Pay = { net: t - fee, gross: rng.chance(0.8) ? t : null, bearer: rng.pick(['SHA', 'BEN'] as const) };
  return { remittance: remit(w, rng, { pay, payerName: payer0(rng, w), after: [o], ...refText(rng, [o.orderNo]) }), label: auto(w, [{ orderNo: o.orderNo, target: t }], pay.net) };
};

const shaBeyond: Make = (rng, w) => {
  const o = rng.pick(buyerOrders(w, 'B1'));
  const t = targetsOf(o)[0];
  const fee = tolerance(w, t) + rng.big(1n, t / 20n);
  const pay: Pay = { net: t - fee, gross: t, bearer: 'SHA' };
  return { remittance: remit(w, rng, { pay, payerName: payer0(rng, w), after: [o], ...refText(rng, [o.orderNo]) }), label: auto(w, [{ orderNo: o.orderNo, target: pay.net }], pay.net) };
};

const balanceAfterDeposit: Make = (rng, w) => {
  const o = addOrder(rng, w, w.buyers[0], { twoStage: true, depositPaid: true });
  const t = targetsOf(o)[0];
  const quoted = rng.chance(0.5);
  const r = remit(w, rng, { pay: exact(t), payerName: payer0(rng, w), after: [o], ...(quoted ? refText(rng, [o.orderNo]) : {}) });
  return { remittance: r, label: quoted ? auto(w, [{ orderNo: o.orderNo, target: t }], t) : byAmount(w, exact(t), [{ order: o, target: t }]) };
};

const noRefPayer: Make = (rng, w) => {
  const o = rng.pick(buyerOrders(w, 'B1'));
  const t = rng.pick(targetsOf(o));
  const pay: Pay = rng.chance(0.3) ? { net: t - rng.big(1n, tolerance(w, t)), gross: t, bearer: 'SHA' } : exact(t);
  return { remittance: remit(w, rng, { pay, payerName: payer0(rng, w), after: [o] }), label: byAmount(w, pay, [{ order: o, target: t }]) };
};

const multi = (quoted: boolean): Make => (rng, w) => {
  const chosen = rng.sample(buyerOrders(w, 'B1'), rng.int(2, 3)).sort((a, b) => (a.orderNo < b.orderNo ? -1 : 1));
  const parts = chosen.map((order) => ({ order, target: rng.pick(targetsOf(order)) }));
  const pay = exact(parts.reduce((s, p) => s + p.target, 0n));
  const r = remit(w, rng, { pay, payerName: payer0(rng, w), after: chosen, ...(quoted ? refText(rng, chosen.map((o) => o.orderNo)) : {}) });
  if (!quoted) return { remittance: r, label: byAmount(w, pay, parts) };
  const unique = countSettling(w, chosen, pay) === 1;
  return { remittance: r, label: unique ? auto(w, parts.map((p) => ({ orderNo: p.order.orderNo, target: p.target })), pay.net) : mustNot('ambiguous', ...chosen) };
};

const thirdParty = (quoted: boolean): Make => (rng, w) => {
  const o = rng.pick(buyerOrders(w, 'B1'));
  const t = targetsOf(o)[0];
  const r = remit(w, rng, { pay: exact(t), payerName: rng.pick(THIRD_PARTIES), after: [o], ...(quoted ? refText(rng, [o.orderNo]) : {}) });
  return { remittance: r, label: mustNot('third-party payer', o) };
};

/** Decoys: other buyers' orders one digit or one swap away, with the same or a near amount. */
const decoys: Make = (rng, w) => {
  const o = rng.pick(buyerOrders(w, 'B1'));
  const seq = o.orderNo.slice(-6);
  const near = [seq.slice(0, 5) + ((+seq[5] + 1) % 10), seq.slice(0, 3) + seq[4] + seq[3] + seq[5], seq.slice(0, 4) + ((+seq[4] + 3) % 10) + seq[5]];
  const total = targetsOf(o)[targetsOf(o).length - 1];
  for (const s of near.filter((x) => !w.usedSeqs.has(x))) {
    w.usedSeqs.add(s);
    addOrder(rng, w, rng.pick(w.buyers.slice(1)), { seq: s, total: rng.chance(0.5) ? total : total + 1n, twoStage: false });
  }
  const t = targetsOf(o)[0];
  return { remittance: remit(w, rng, { pay: exact(t), payerName: payer0(rng, w), after: [o], ...refText(rng, [o.orderNo]) }), label: auto(w, [{ orderNo: o.orderNo, target: t }], t) };
};

const sameAmountOtherBuyers: Make = (rng, w) => {
  const o = rng.pick(buyerOrders(w, 'B1'));
  const t = targetsOf(o)[0];
  for (const b of w.buyers.slice(1, 3)) addOrder(rng, w, b, { total: t, twoStage: false });
  return { remittance: remit(w, rng, { pay: exact(t), payerName: payer0(rng, w), after: [o] }), label: byAmount(w, exact(t), [{ order: o, target: t }]) };
};

const sameAmountSameBuyer: Make = (rng, w) => {
  const o = addOrder(rng, w, w.buyers[0], { twoStage: false });
  const t = targetsOf(o)[0];
  addOrder(rng, w, w.buyers[0], { total: t, twoStage: false });
  return { remittance: remit(w, rng, { pay: exact(t), payerName: payer0(rng, w), after: [o] }), label: mustNot('two orders of the payer fit', o) };
};

const nameTie: Make = (rng, w) => {
  const [brand, trade] = w.buyers[0].name.split(' ');
  const twin = { key: 'B-TWIN', name: `${brand} ${trade} ${rng.pick(['HOLDING', 'INC', 'GROUP'])}`.replace(' HOLDING', ' INC') };
  w.buyers.push(twin);
  addOrder(rng, w, twin, {});
  const o = rng.pick(buyerOrders(w, 'B1'));
  const t = targetsOf(o)[0];
  return { remittance: remit(w, rng, { pay: exact(t), payerName: `${brand} ${trade}`, after: [o] }), label: mustNot('two buyers named alike', o) };
};

const knownAccount: Make = (rng, w) => {
  const o = rng.pick(buyerOrders(w, 'B1'));
  const t = rng.pick(targetsOf(o));
  const account = `DE${rng.int(10, 99)}${rng.int(10000000, 99999999)}${rng.int(1000000000, 9999999999)}`;
  w.context.knownPayerAccounts.push({ buyerKey: 'B1', account });
  const r = remit(w, rng, { pay: exact(t), payerName: rng.pick(['AP DEPARTMENT', null, 'TREASURY']), account: rng.chance(0.5) ? account : `/${account}`, after: [o] });
  return { remittance: r, label: byAmount(w, exact(t), [{ order: o, target: t }]) };
};

const noVirtualAccount: Make = (rng, w) => {
  const s = withRef(rng, w);
  w.context.seller = null;
  return { remittance: s.remittance, label: mustNot('unknown virtual account', ...w.orders.filter((o) => s.label.kind === 'AUTO' && o.orderNo === s.label.allocations[0].orderNo)) };
};

const overpaid: Make = (rng, w) => {
  const o = rng.pick(buyerOrders(w, 'B1'));
  const due = targetsOf(o)[targetsOf(o).length - 1];
  let net = due + rng.big(1n, due / 10n);
  while (countSettling(w, buyerOrders(w, 'B1'), exact(net)) > 0) net += 1n;
  return { remittance: remit(w, rng, { pay: exact(net), payerName: payer0(rng, w), after: [o], ...refText(rng, [o.orderNo]) }), label: auto(w, [{ orderNo: o.orderNo, target: due }], net) };
};

const paidBeforeOrder: Make = (rng, w) => {
  const o = rng.pick(buyerOrders(w, 'B1'));
  const r = remit(w, rng, { pay: exact(targetsOf(o)[0]), payerName: payer0(rng, w), after: [o], valueDate: addDays(o.createdDate, -rng.int(1, 30)), ...(rng.chance(0.5) ? refText(rng, [o.orderNo]) : {}) });
  return { remittance: r, label: mustNot('paid before the order existed', o) };
};

const ourShortfall: Make = (rng, w) => {
  const o = rng.pick(buyerOrders(w, 'B1'));
  const t = targetsOf(o)[0];
  const r = remit(w, rng, { pay: { net: t - rng.big(1n, tolerance(w, t)), gross: null, bearer: 'OUR' }, payerName: payer0(rng, w), after: [o] });
  return { remittance: r, label: mustNot('underpaid under OUR, no reference', o) };
};

const knownPaymentId: Make = (rng, w) => {
  const o = rng.pick(buyerOrders(w, 'B1'));
  const t = rng.pick(targetsOf(o));
  const e2e = `PO-${freshSeq(rng, w)}`;
  w.context.knownPaymentIds.push({ orderNo: o.orderNo, uetr: null, endToEndId: e2e });
  return { remittance: remit(w, rng, { pay: exact(t), payerName: payer0(rng, w), after: [o], endToEndId: e2e }), label: auto(w, [{ orderNo: o.orderNo, target: t }], t) };
};

export const SCENARIOS: Record<string, Make> = {
  withRef, shaWithin, shaBeyond, balanceAfterDeposit, noRefPayer, multiRefs: multi(true), multiNoRef: multi(false),
  thirdPartyRef: thirdParty(true), thirdPartyNoRef: thirdParty(false), decoys, sameAmountOtherBuyers, sameAmountSameBuyer,
  nameTie, knownAccount, noVirtualAccount, overpaid, paidBeforeOrder, ourShortfall, knownPaymentId,
};
