import type { ExportMethod, Incoterm, MilestoneKind } from './order-status.rules';

/** An order as the seller (API or ERP feed) writes it: amounts are decimal strings. */
export interface OrderInput {
  externalOrderId?: string | null;
  buyer: { name: string; email: string; country: string };
  currency: string;
  lines: Array<{ name: string; sku?: string | null; hsCode?: string | null; quantity: number; unit: string; unitPrice: string }>;
  milestones: Array<{ kind: MilestoneKind; amount: string; dueDate: string; preShipment: boolean }>;
  incoterm: Incoterm;
  expectedShipDate: string;
  exportMethod: ExportMethod;
}

/** A validated order: amounts normalised to the currency's minor digits, line totals and total computed exactly. */
export interface OrderDraft {
  externalOrderId: string | null;
  buyer: { name: string; email: string; country: string };
  currency: string;
  lines: Array<{ name: string; sku: string | null; hsCode: string | null; quantity: number; unit: string; unitPrice: string; lineTotal: string }>;
  milestones: Array<{ kind: MilestoneKind; amount: string; dueDate: string; preShipment: boolean }>;
  total: string;
  incoterm: Incoterm;
  expectedShipDate: string;
  exportMethod: ExportMethod;
}

export interface FieldIssue {
  field: string;
  message: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** ISO 3166-1 alpha-2: two capitals that name a region (ZZ, unknown codes and numeric codes refused). */
export function isCountryCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{2}$/.test(value) && value !== 'ZZ' && regions.of(value) !== value;
}

export function isEmail(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}
