import { toMinorUnits } from '@ereceipt/money';
import type { AuditAction } from '../association-audit.entity';
import type { AssociationMethod, AssociationStatus } from '../association.entity';
import type { SellerMatchingSettings } from '../matching-settings.entity';

/**
 * What a replay knows of a seller: its orders and every association with its audit trail. From it,
 * the state at any instant is derived (`associationStatusAt`, `orderPaymentsAt`), because the
 * tables only hold the state now: an order paid since the decision was open when it was made.
 */
export interface OrderRecord {
  orderNo: string;
  sellerId: string;
  buyerName: string;
  currency: string;
  total: string;
  milestones: Array<{ kind: 'DEPOSIT' | 'BALANCE'; amount: string; dueDate: string; preShipment: boolean }>;
  createdAt: Date;
  /** `YYYY-MM-DD` (UTC) of `createdAt`, as the engine sees it. */
  createdDate: string;
  expectedShipDate: string | null;
  /** When the buyer was asked to pay (submitted); null for a draft. */
  submittedAt: Date | null;
  cancelledAt: Date | null;
}

export interface AuditEvent {
  action: AuditAction;
  actor: string;
  at: Date;
  /** The status an association was created with (creation events only). */
  status: AssociationStatus | null;
}

export interface AssociationRecord {
  id: string;
  remittanceId: string;
  sellerId: string;
  method: AssociationMethod;
  /** Its status now (used only when the audit trail holds no event, which the hub never writes). */
  status: AssociationStatus;
  createdAt: Date;
  uetr: string | null;
  endToEndId: string | null;
  payerAccount: string | null;
  /** The remittance's payer name (an alias of the buyer once a person approved the association). */
  payerName: string | null;
  allocations: Array<{ orderNo: string; amount: string; settled: string }>;
  /** Its audit trail, oldest first. */
  events: AuditEvent[];
}

export interface SellerHistory {
  sellerId: string;
  orders: Map<string, OrderRecord>;
  associations: AssociationRecord[];
  /** Its matching settings, newest first (empty: the defaults all along). */
  settings: SellerMatchingSettings[];
}

/** The settings in force just before `at`: the latest that took effect before it; null = the defaults. */
export function settingsAt(history: readonly SellerMatchingSettings[], at: Date): SellerMatchingSettings | null {
  return history.find((s) => s.effectiveAt < at) ?? null;
}

/** The status an audit event leaves an association in. */
function statusAfter(event: AuditEvent): AssociationStatus {
  switch (event.action) {
    case 'AUTO_ASSOCIATE':
      return 'APPROVED';
    case 'PROPOSE':
      return 'PROPOSED';
    case 'MANUAL_ASSOCIATE':
      return event.status ?? 'APPROVED';
    case 'APPROVE':
      return 'APPROVED';
    case 'REJECT':
      return 'REJECTED';
    case 'UNBIND':
      return 'UNBOUND';
  }
}

/** The association's status just before `at`; null when it did not exist yet. */
export function associationStatusAt(a: AssociationRecord, at: Date): AssociationStatus | null {
  if (a.createdAt >= at) return null;
  const before = a.events.filter((e) => e.at < at);
  if (a.events.length === 0) return a.status;
  const last = before.at(-1);
  return last ? statusAfter(last) : statusAfter(a.events[0]);
}

/** Its status now, from the trail (the same derivation as the past). */
export function associationStatusNow(a: AssociationRecord): AssociationStatus {
  const last = a.events.at(-1);
  return last ? statusAfter(last) : a.status;
}

/** Did a person (not the engine) associate, approve, reject or unbind it? */
export function touchedByPeople(a: AssociationRecord): boolean {
  return a.events.some((e) => e.actor !== 'system' && e.action !== 'AUTO_ASSOCIATE' && e.action !== 'PROPOSE');
}

/** Minor units of the order's currency (bigint: exact, and cheap in the replay's loops). */
export interface OrderPayments {
  /** Money on the order (what `paid_amount` held). */
  paid: bigint;
  /** Money plus bank charges accepted (what filled the milestones). */
  settled: bigint;
}

/** What the live associations held on each order just before `at`, leaving out one remittance's own. */
export function orderPaymentsAt(history: SellerHistory, at: Date, excludeRemittanceId: string | null): Map<string, OrderPayments> {
  const totals = new Map<string, OrderPayments>();
  for (const a of history.associations) {
    if (a.remittanceId === excludeRemittanceId) continue;
    const status = associationStatusAt(a, at);
    if (status !== 'APPROVED' && status !== 'PROPOSED') continue;
    for (const al of a.allocations) {
      const currency = history.orders.get(al.orderNo)?.currency;
      if (!currency) continue;
      const t = totals.get(al.orderNo) ?? { paid: 0n, settled: 0n };
      totals.set(al.orderNo, { paid: t.paid + toMinorUnits(al.amount, currency), settled: t.settled + toMinorUnits(al.settled, currency) });
    }
  }
  return totals;
}
