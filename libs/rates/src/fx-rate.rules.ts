import { z } from 'zod';
import { dec, isCurrency } from '@ereceipt/money';

/** A `bank.fx-rates` message (docs/contract.md): `{base, quote, rate, validFrom, source}`: 1 base = rate quote from validFrom on. */
export interface FxRateMessage {
  base: string;
  quote: string;
  /** A positive decimal string, kept as sent (normalised: no exponent, no trailing zeros). */
  rate: string;
  /** Normalised to `Date.toISOString()`. A bare date means 00:00 UTC that day. */
  validFrom: string;
  source: string;
}

export type ParsedRate = { ok: true; value: FxRateMessage } | { ok: false; code: 'RATES.INVALID'; message: string };

const schema = z.object({
  base: z.string().length(3),
  quote: z.string().length(3),
  rate: z.string().regex(/^\d+(\.\d+)?$/, 'a positive decimal string like "7.1234"'),
  validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/, 'YYYY-MM-DD or an ISO 8601 date-time with a time zone'),
  source: z.string().trim().min(1).max(100),
});

export function parseFxRate(bytes: Buffer): ParsedRate {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    return { ok: false, code: 'RATES.INVALID', message: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const r = schema.safeParse(raw);
  if (!r.success) return { ok: false, code: 'RATES.INVALID', message: r.error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; ') };
  const base = r.data.base.toUpperCase();
  const quote = r.data.quote.toUpperCase();
  if (!isCurrency(base)) return { ok: false, code: 'RATES.INVALID', message: `base: ${r.data.base} is not an ISO 4217 code` };
  if (!isCurrency(quote)) return { ok: false, code: 'RATES.INVALID', message: `quote: ${r.data.quote} is not an ISO 4217 code` };
  if (base === quote) return { ok: false, code: 'RATES.INVALID', message: `quote: same currency as base (${base})` };
  if (dec(r.data.rate).isZero()) return { ok: false, code: 'RATES.INVALID', message: 'rate: must be positive' };
  if (!realDate(r.data.validFrom.slice(0, 10))) return { ok: false, code: 'RATES.INVALID', message: `validFrom: ${r.data.validFrom} is not a real date` };
  const at = Date.parse(r.data.validFrom.length === 10 ? `${r.data.validFrom}T00:00:00Z` : r.data.validFrom);
  if (Number.isNaN(at)) return { ok: false, code: 'RATES.INVALID', message: `validFrom: ${r.data.validFrom} is not a real date` };
  return { ok: true, value: { base, quote, rate: dec(r.data.rate).toFixed(), validFrom: new Date(at).toISOString(), source: r.data.source } };
}

/** `2026-02-31` is not a date, though `Date.parse` rolls it over to March. */
function realDate(ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** 1 / rate, to 20 significant digits (the quote -> base rate when only base -> quote is published). */
export function invertRate(rate: string): string {
  return dec('1').dividedBy(dec(rate)).toSignificantDigits(20).toFixed();
}

export interface RateCandidate {
  rate: string;
  validFrom: string;
  source: string;
  /** True when it was published the other way round and is used inverted. */
  inverted: boolean;
}

/**
 * The rate in force among the latest direct and latest inverse publication at or before the
 * instant: the more recent one wins; on a tie, the direct one (no inversion rounding).
 */
export function pickRate(direct: RateCandidate | null, inverse: RateCandidate | null): RateCandidate | null {
  if (!direct) return inverse ? { ...inverse, rate: invertRate(inverse.rate), inverted: true } : null;
  if (!inverse || direct.validFrom >= inverse.validFrom) return direct;
  return { ...inverse, rate: invertRate(inverse.rate), inverted: true };
}
