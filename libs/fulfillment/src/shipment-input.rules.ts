import { isBoundedAmount, isValidAmount, isCurrency } from '@ereceipt/money';

/** What `POST /orders/{orderNo}/shipments` asks for (shapes checked by the DTO; values here). */
export interface ShipmentRequest {
  items: Array<{ line: number; quantity: number; hsCode?: string | null }>;
  logistics?: { carrier?: string; trackingNo?: string | null; blNo?: string | null; shipDate?: string } | null;
  customs?: { declarationNo?: string; declaredValue?: string; currency?: string; port?: string } | null;
  exportBill?: { billNo?: string | null; requestDraft?: boolean } | null;
}

export interface OrderLineForShipping {
  name: string;
  sku: string | null;
  hsCode: string | null;
  quantity: number;
  unit: string;
  unitPrice: string;
}

export interface ShipmentItem {
  line: number;
  sku: string | null;
  name: string;
  hsCode: string | null;
  quantity: number;
}

export interface Logistics {
  carrier: string;
  trackingNo: string | null;
  blNo: string | null;
  shipDate: string;
}

export interface CustomsDeclaration {
  declarationNo: string;
  declaredValue: string;
  currency: string;
  port: string;
}

export interface ShipmentPlan {
  items: ShipmentItem[];
  logistics: Logistics | null;
  customs: CustomsDeclaration | null;
  exportBill: { billNo: string } | { requestDraft: true } | null;
}

export interface ShipmentIssue {
  field: string;
  message: string;
}

export type ShipmentCheck = { ok: true; plan: ShipmentPlan } | { ok: false; code: 'FULFILLMENT.INVALID' | 'FULFILLMENT.QUANTITY_EXCEEDS'; issues: ShipmentIssue[] };

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const HS_CODE = /^\d{6,10}$/;

function text(v: string | null | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

/** Quantity shipped so far per order line (index), from the existing shipments' items. */
export function shippedPerLine(lineCount: number, shipments: ReadonlyArray<{ items: ReadonlyArray<{ line: number; quantity: number }> }>): number[] {
  const shipped = new Array<number>(lineCount).fill(0);
  for (const s of shipments) for (const i of s.items) if (i.line >= 0 && i.line < lineCount) shipped[i.line] = (shipped[i.line] ?? 0) + i.quantity;
  return shipped;
}

function checkLogistics(l: ShipmentRequest['logistics'], issues: ShipmentIssue[]): Logistics | null {
  if (!l) {
    issues.push({ field: 'logistics', message: 'required: carrier, trackingNo or blNo, shipDate' });
    return null;
  }
  const carrier = text(l.carrier);
  const trackingNo = text(l.trackingNo);
  const blNo = text(l.blNo);
  if (!carrier) issues.push({ field: 'logistics.carrier', message: 'required' });
  if (!trackingNo && !blNo) issues.push({ field: 'logistics.trackingNo', message: 'a tracking number or a B/L number (blNo) is required' });
  if (!l.shipDate || !DATE.test(l.shipDate)) issues.push({ field: 'logistics.shipDate', message: 'required, YYYY-MM-DD' });
  return carrier && (trackingNo || blNo) && l.shipDate && DATE.test(l.shipDate) ? { carrier, trackingNo, blNo, shipDate: l.shipDate } : null;
}

function checkCustoms(c: ShipmentRequest['customs'], issues: ShipmentIssue[]): CustomsDeclaration | null {
  if (!c) {
    issues.push({ field: 'customs', message: 'required for SELF_EXPORT: declarationNo, declaredValue, currency, port' });
    return null;
  }
  const before = issues.length;
  const declarationNo = text(c.declarationNo);
  const port = text(c.port);
  const currency = text(c.currency)?.toUpperCase() ?? null;
  if (!declarationNo) issues.push({ field: 'customs.declarationNo', message: 'required' });
  if (!port) issues.push({ field: 'customs.port', message: 'required' });
  if (!currency || !isCurrency(currency)) issues.push({ field: 'customs.currency', message: 'required, an ISO 4217 code' });
  else if (!isBoundedAmount(c.declaredValue) || !isValidAmount(c.declaredValue, currency) || !/[1-9]/.test(c.declaredValue)) {
    issues.push({ field: 'customs.declaredValue', message: `required, a positive decimal string with at most ${currency}'s minor digits and 15 digits before the point` });
  }
  return issues.length === before && declarationNo && port && currency && c.declaredValue ? { declarationNo, declaredValue: c.declaredValue, currency, port } : null;
}

/**
 * Checks a shipment against the order (docs/domain.md §4): items name order lines (0-based), each once,
 * with a positive whole quantity never above what was ordered minus what already shipped (409
 * FULFILLMENT.QUANTITY_EXCEEDS). SELF_EXPORT needs logistics (carrier, tracking or B/L number,
 * ship date) and the customs declaration (number, declared value and currency, port) with an HS
 * code per item (given, or the order line's). ONE_STOP_EXPORT needs an existing bill number or
 * `requestDraft: true` (not both); the one-stop service declares, so no customs here; logistics is
 * optional (the carrier may only be known later).
 */
export function checkShipment(exportMethod: 'SELF_EXPORT' | 'ONE_STOP_EXPORT', lines: readonly OrderLineForShipping[], shipped: readonly number[], req: ShipmentRequest): ShipmentCheck {
  const issues: ShipmentIssue[] = [];
  const over: ShipmentIssue[] = [];
  const items: ShipmentItem[] = [];
  const seen = new Set<number>();
  if (req.items.length === 0) issues.push({ field: 'items', message: 'at least one item' });
  req.items.forEach((it, i) => {
    const line = lines[it.line];
    if (!Number.isInteger(it.line) || !line) return void issues.push({ field: `items[${i}].line`, message: `no order line ${it.line} (lines are 0 to ${lines.length - 1})` });
    if (seen.has(it.line)) return void issues.push({ field: `items[${i}].line`, message: `line ${it.line} is listed twice` });
    seen.add(it.line);
    if (!Number.isInteger(it.quantity) || it.quantity <= 0) return void issues.push({ field: `items[${i}].quantity`, message: 'a positive whole number' });
    const left = line.quantity - (shipped[it.line] ?? 0);
    if (it.quantity > left) over.push({ field: `items[${i}].quantity`, message: `${it.quantity} is more than is left to ship of line ${it.line} (${left} of ${line.quantity} ${line.unit})` });
    const hsCode = text(it.hsCode) ?? line.hsCode;
    if (hsCode !== null && !HS_CODE.test(hsCode)) issues.push({ field: `items[${i}].hsCode`, message: '6 to 10 digits' });
    else if (hsCode === null && exportMethod === 'SELF_EXPORT') issues.push({ field: `items[${i}].hsCode`, message: 'required for the customs declaration (the order line has none)' });
    items.push({ line: it.line, sku: line.sku, name: line.name, hsCode, quantity: it.quantity });
  });

  let logistics: Logistics | null = null;
  let customs: CustomsDeclaration | null = null;
  let exportBill: ShipmentPlan['exportBill'] = null;
  if (exportMethod === 'SELF_EXPORT') {
    logistics = checkLogistics(req.logistics, issues);
    customs = checkCustoms(req.customs, issues);
    if (req.exportBill) issues.push({ field: 'exportBill', message: 'only for ONE_STOP_EXPORT orders' });
  } else {
    if (req.logistics) logistics = checkLogistics(req.logistics, issues);
    if (req.customs) issues.push({ field: 'customs', message: 'the one-stop export service declares ONE_STOP_EXPORT orders: give its bill number or request a draft' });
    const billNo = text(req.exportBill?.billNo);
    const draft = req.exportBill?.requestDraft === true;
    if (billNo && draft) issues.push({ field: 'exportBill', message: 'either billNo or requestDraft, not both' });
    else if (billNo) exportBill = { billNo };
    else if (draft) exportBill = { requestDraft: true };
    else issues.push({ field: 'exportBill', message: 'required for ONE_STOP_EXPORT: an existing billNo, or requestDraft: true' });
  }
  if (issues.length > 0) return { ok: false, code: 'FULFILLMENT.INVALID', issues: [...issues, ...over] };
  if (over.length > 0) return { ok: false, code: 'FULFILLMENT.QUANTITY_EXCEEDS', issues: over };
  return { ok: true, plan: { items, logistics, customs, exportBill } };
}
