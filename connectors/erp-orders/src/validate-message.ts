import { erpOrderMessageSchema } from '@ereceipt/contracts';
import { fieldPath, issue, type ErpOrderIssue, type ErpOrderMessage } from './erp-order-message';

export type Validated = { ok: true; value: ErpOrderMessage } | { ok: false; issues: ErpOrderIssue[] };

/**
 * The JSON form of a message (parsed JSON, or what the XML reader built) to a typed message, or
 * every problem with its field. A CANCEL's `order` is not looked at (an ERP may send its last copy).
 */
export function validateMessage(input: unknown): Validated {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, issues: [issue('ERP_ORDER.INVALID_FIELD', null, 'the message must be an object {sellerId, externalOrderId, version, action, submit?, order}')] };
  }
  const raw = input as Record<string, unknown>;
  const candidate = raw.action === 'CANCEL' ? { ...raw, order: undefined } : raw;
  const parsed = erpOrderMessageSchema.safeParse(candidate);
  if (!parsed.success) {
    const issues = new Map<string | null, ErpOrderIssue>();
    for (const i of parsed.error.issues) {
      const field = fieldPath(i.path) || null;
      // One issue per field: the first says what is wrong with it.
      if (issues.has(field)) continue;
      issues.set(field, valueAt(candidate, i.path) === undefined ? issue('ERP_ORDER.MISSING_FIELD', field, 'is required') : issue('ERP_ORDER.INVALID_FIELD', field, i.message));
    }
    return { ok: false, issues: [...issues.values()] };
  }
  const m = parsed.data;
  if (m.action === 'UPSERT' && !m.order) return { ok: false, issues: [issue('ERP_ORDER.MISSING_FIELD', 'order', 'is required for UPSERT')] };
  return {
    ok: true,
    value: {
      sellerId: m.sellerId.toLowerCase(),
      externalOrderId: m.externalOrderId,
      version: BigInt(m.version).toString(),
      action: m.action,
      submit: m.action === 'UPSERT' && m.submit === true,
      reason: m.reason ?? null,
      order: m.action === 'UPSERT' && m.order
        ? { ...m.order, buyer: { ...m.order.buyer }, lines: m.order.lines.map((l) => ({ ...l, sku: l.sku ?? null, hsCode: l.hsCode ?? null })), milestones: m.order.milestones.map((ms) => ({ ...ms })) }
        : null,
    },
  };
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let at: unknown = root;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}
