import { generate, validate } from 'node-iso11649';

/**
 * The ISO 11649 creditor reference ("RF" + two mod-97 check digits + the order number without its
 * dashes) that buyers are asked to quote: `EO-2026-000123` -> `RF28 EO20 2600 0123`. The check digits
 * turn a mistyped or transposed reference into a detectable typo instead of another order's number;
 * the plain order number keeps working (the matching engine reads both).
 */
const ORDER_NO = /^EO-(\d{4})-(\d{6,})$/;

/** The creditor reference of an order number, printed in groups of four (as banks display it). */
export function creditorReferenceOf(orderNo: string): string {
  const m = ORDER_NO.exec(orderNo);
  if (!m) throw new RangeError(`${orderNo} is not an order number`);
  return generate({ reference: `EO${m[1]}${m[2]}`, pretty: true });
}

/** Its two check digits (`28` for `EO-2026-000123`). */
export function creditorReferenceCheck(orderNo: string): string {
  return creditorReferenceOf(orderNo).slice(2, 4);
}

/** Whether `RFcc` + body passes the mod-97 check (spaces ignored, any case). */
export function isValidCreditorReference(reference: string): boolean {
  return validate(reference.replace(/\s+/g, '').toUpperCase());
}
