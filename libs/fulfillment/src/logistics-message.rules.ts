import { z } from 'zod';
import { isCurrency, isValidAmount } from '@ereceipt/money';
import { trackingEventTypes, type TrackingEventType } from './tracking.rules';

/** A `logistics.events` message (docs/contract.md): `{eventId, orderNo, trackingNo, carrier, type, occurredAt, location?, customs?}`. */
export interface LogisticsEvent {
  eventId: string;
  orderNo: string;
  trackingNo: string;
  carrier: string;
  type: TrackingEventType;
  /** Normalised to `Date.toISOString()` (UTC, milliseconds). */
  occurredAt: string;
  location: string | null;
  customs: Record<string, unknown> | null;
}

/** An `export.one-stop-bills` message: `{billNo, orderNo, status, declaredValue, currency, declaredAt}`. */
export interface ExportBillMessage {
  billNo: string;
  orderNo: string;
  status: string;
  declaredValue: string;
  currency: string;
  declaredAt: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const nonEmpty = z.string().trim().min(1).max(200);
/** `2026-02-31` is not a date, though `Date.parse` rolls it over to March. */
function realDate(ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const instant = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) && realDate(s.slice(0, 10)) && !Number.isNaN(Date.parse(s)), 'an ISO 8601 date-time with a time zone');

const logisticsSchema = z.object({
  eventId: nonEmpty,
  orderNo: nonEmpty,
  trackingNo: nonEmpty,
  carrier: nonEmpty,
  type: z.enum(trackingEventTypes),
  occurredAt: instant,
  location: z.string().max(500).nullish(),
  customs: z.record(z.string(), z.unknown()).nullish(),
});

const billSchema = z.object({
  billNo: nonEmpty,
  orderNo: nonEmpty,
  status: nonEmpty,
  declaredValue: z.string(),
  currency: z.string().length(3),
  declaredAt: instant,
});

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; ');
}

function json(bytes: Buffer): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch (e) {
    return { ok: false, message: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** A time without a zone would be read in the hub's zone: refused, as is anything without a time. */
function hasZone(s: string): boolean {
  return /(Z|[+-]\d{2}:?\d{2})$/.test(s);
}

export function parseLogisticsEvent(bytes: Buffer): Parsed<LogisticsEvent> {
  const raw = json(bytes);
  if (!raw.ok) return raw;
  const r = logisticsSchema.safeParse(raw.value);
  if (!r.success) return { ok: false, message: describe(r.error) };
  if (!hasZone(r.data.occurredAt)) return { ok: false, message: 'occurredAt: needs a time zone (Z or +hh:mm)' };
  const v = r.data;
  return { ok: true, value: { eventId: v.eventId, orderNo: v.orderNo.toUpperCase(), trackingNo: v.trackingNo, carrier: v.carrier, type: v.type, occurredAt: new Date(v.occurredAt).toISOString(), location: v.location ?? null, customs: v.customs ?? null } };
}

export function parseExportBill(bytes: Buffer): Parsed<ExportBillMessage> {
  const raw = json(bytes);
  if (!raw.ok) return raw;
  const r = billSchema.safeParse(raw.value);
  if (!r.success) return { ok: false, message: describe(r.error) };
  const v = r.data;
  const currency = v.currency.toUpperCase();
  if (!isCurrency(currency)) return { ok: false, message: `currency: ${v.currency} is not an ISO 4217 code` };
  if (!isValidAmount(v.declaredValue, currency)) return { ok: false, message: `declaredValue: "${v.declaredValue}" is not a decimal string with at most ${currency}'s minor digits` };
  if (!hasZone(v.declaredAt)) return { ok: false, message: 'declaredAt: needs a time zone (Z or +hh:mm)' };
  return { ok: true, value: { billNo: v.billNo, orderNo: v.orderNo.toUpperCase(), status: v.status.toUpperCase(), declaredValue: v.declaredValue, currency, declaredAt: new Date(v.declaredAt).toISOString() } };
}
