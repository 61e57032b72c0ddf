import type { ErpOrder } from '@connectors/erp-orders';
import { DomainError } from '@ereceipt/contracts';
import type { OrderPatch } from './order-edit.rules';
import type { FieldIssue, OrderDraft, OrderInput } from './order-input.rules';
import type { ExportMethod, Incoterm, MilestoneKind } from './order-status.rules';

/** NEW: above the last applied version (or the first one); DUPLICATE: the same; STALE: older. Versions are bigints as digit strings. */
export function versionOutcome(incoming: string, applied: string | null): 'NEW' | 'DUPLICATE' | 'STALE' {
  if (applied === null) return 'NEW';
  const a = BigInt(incoming);
  const b = BigInt(applied);
  return a > b ? 'NEW' : a === b ? 'DUPLICATE' : 'STALE';
}

/**
 * The ERP's order as the API's input. Codes (kind, incoterm, export method) are passed through as
 * sent: `validateOrder` checks them, exactly as for `POST /orders`.
 */
export function toOrderInput(externalOrderId: string, order: ErpOrder): OrderInput {
  return {
    externalOrderId,
    buyer: { ...order.buyer },
    currency: order.currency,
    lines: order.lines.map((l) => ({ ...l })),
    milestones: order.milestones.map((m) => ({ ...m, kind: m.kind as MilestoneKind })),
    incoterm: order.incoterm as Incoterm,
    expectedShipDate: order.expectedShipDate,
    exportMethod: order.exportMethod as ExportMethod,
  };
}

const patchable = ['buyer', 'currency', 'lines', 'milestones', 'incoterm', 'expectedShipDate', 'exportMethod'] as const;

/**
 * The ERP always sends the whole order; the edit rules judge a patch. So the patch holds only the
 * fields whose validated value differs from the order's (compared as normalised values, key order
 * ignored: `"12.4"` and `"12.40"` are the same price). A resent, unchanged order is an empty patch,
 * so it never trips a frozen field after submission.
 */
export function changedFields(current: OrderDraft, next: OrderDraft): OrderPatch {
  const patch: Record<string, unknown> = {};
  for (const key of patchable) if (canonical(current[key]) !== canonical(next[key])) patch[key] = next[key];
  return patch;
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * The orders rules name fields from the order's root (`lines[1].unitPrice`); in an ERP message the
 * order sits under `order`, so the same problem is `order.lines[1].unitPrice` there.
 */
export function inMessageTerms(e: unknown): unknown {
  if (!(e instanceof DomainError)) return e;
  if (e.code === 'ORDERS.INVALID') {
    const details = e.details as { issues?: FieldIssue[] } | undefined;
    const issues = details?.issues?.map((i) => ({ ...i, field: `order.${i.field}` }));
    return new DomainError(e.code, e.message.split('; ').map((part) => `order.${part}`).join('; '), e.kind, { ...details, issues });
  }
  if (e.code === 'ORDERS.FIELD_FROZEN') {
    const field = (e.details as { field?: string } | undefined)?.field;
    return new DomainError(e.code, field ? `order.${field}: ${e.message}` : e.message, e.kind, { field: field ? `order.${field}` : undefined });
  }
  return e;
}
