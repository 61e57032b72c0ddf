import { DomainError } from '@ereceipt/contracts';

/**
 * Order numbers are read aloud and typed into bank transfer references: `EO-YYYY-NNNNNN`, the year
 * the order was drafted and a number from the PostgreSQL sequence `order_number_seq` (global, not
 * reset per year, so a number never repeats). Past 999999 the number simply gets wider.
 */
const ORDER_NO = /^EO-(\d{4})-(\d{6,})$/;

export function formatOrderNumber(year: number, sequence: number | bigint): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year ${year} must have four digits`);
  const n = BigInt(sequence);
  if (n < 1n) throw new RangeError(`sequence ${n} must be positive`);
  return `EO-${year}-${n.toString().padStart(6, '0')}`;
}

export interface ParsedOrderNumber {
  year: number;
  sequence: bigint;
}

/** Parses an order number, tolerant of case and surrounding spaces (as typed by a buyer); null when it is not one. */
export function parseOrderNumber(text: string): ParsedOrderNumber | null {
  const m = ORDER_NO.exec(text.trim().toUpperCase());
  if (!m) return null;
  const sequence = BigInt(m[2]);
  if (sequence < 1n || (m[2].length > 6 && m[2].startsWith('0'))) return null;
  return { year: Number(m[1]), sequence };
}

export function isOrderNumber(text: string): boolean {
  return parseOrderNumber(text) !== null && text === text.trim().toUpperCase();
}

/**
 * The canonical form of an order number from a URL (`eo-2026-000123` -> `EO-2026-000123`), or a
 * 404: a buyer's link to something that is not an order number points at no order.
 */
export function canonicalOrderNo(raw: string): string {
  const parsed = parseOrderNumber(raw);
  if (!parsed) throw new DomainError('ORDERS.NOT_FOUND', `order ${raw} not found`, 'not-found');
  return formatOrderNumber(parsed.year, parsed.sequence);
}

/** An order number given by an API caller (a path parameter): its canonical form, or 400 naming the field. */
export function orderNoParam(raw: string): string {
  const parsed = parseOrderNumber(raw);
  if (!parsed) throw new DomainError('ORDERS.BAD_ORDER_NO', 'orderNo: must look like EO-2026-000123', 'invalid', { issues: [{ field: 'orderNo', message: 'must look like EO-2026-000123' }] });
  return formatOrderNumber(parsed.year, parsed.sequence);
}
