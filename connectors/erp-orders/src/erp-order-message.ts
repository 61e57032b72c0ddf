import type { ErpOrderAction } from '@ereceipt/contracts';

/** One order line as the ERP sent it, normalised (absent sku/hsCode are null). Amounts stay decimal strings. */
export interface ErpOrderLine {
  name: string;
  sku: string | null;
  hsCode: string | null;
  quantity: number;
  unit: string;
  unitPrice: string;
}

export interface ErpOrderMilestone {
  kind: string;
  amount: string;
  dueDate: string;
  preShipment: boolean;
}

/** The `order` of an UPSERT: the same content as `POST /orders`; its business rules are checked by the orders module. */
export interface ErpOrder {
  buyer: { name: string; email: string; country: string };
  currency: string;
  lines: ErpOrderLine[];
  milestones: ErpOrderMilestone[];
  incoterm: string;
  expectedShipDate: string;
  exportMethod: string;
}

/** An `erp.orders` message, JSON or XML alike. `version` is a canonical string of digits (a bigint, compare with BigInt). */
export interface ErpOrderMessage {
  sellerId: string;
  externalOrderId: string;
  version: string;
  action: ErpOrderAction;
  submit: boolean;
  reason: string | null;
  /** Present for UPSERT, null for CANCEL. */
  order: ErpOrder | null;
}

export const erpOrderIssueCodes = [
  'ERP_ORDER.INPUT_TOO_LARGE',
  'ERP_ORDER.BAD_ENCODING',
  'ERP_ORDER.UNSUPPORTED_CONTENT_TYPE',
  'ERP_ORDER.MALFORMED_JSON',
  'ERP_ORDER.MALFORMED_XML',
  'ERP_ORDER.DOCTYPE_FORBIDDEN',
  'ERP_ORDER.WRONG_ROOT',
  'ERP_ORDER.REPEATED_ELEMENT',
  'ERP_ORDER.MISSING_FIELD',
  'ERP_ORDER.INVALID_FIELD',
] as const;
export type ErpOrderIssueCode = (typeof erpOrderIssueCodes)[number];

/** A precise problem: `field` is a 0-based JSON path (`order.lines[1].unitPrice`), null for the whole input. */
export interface ErpOrderIssue {
  code: ErpOrderIssueCode;
  field: string | null;
  message: string;
  /** 1-based line of malformed XML/JSON, when known. */
  line: number | null;
}

export type ErpOrderParseResult = { ok: true; value: ErpOrderMessage; format: 'json' | 'xml' } | { ok: false; issues: ErpOrderIssue[] };

export function issue(code: ErpOrderIssueCode, field: string | null, message: string, line: number | null = null): ErpOrderIssue {
  return { code, field, message, line };
}

/** `order.lines[1].unitPrice` from `['order', 'lines', 1, 'unitPrice']`. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}
