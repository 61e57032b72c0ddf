/**
 * Small pure helpers of the adversarial corpus: a seeded PRNG, exact money in minor units (bigint,
 * never a JS number), virtual account numbers, names. No I/O, no clock, no global randomness.
 */

/** Deterministic PRNG (mulberry32): the same seed draws the same world. */
export class Rng {
  private a: number;

  constructor(seed: number) {
    this.a = seed >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** A bigint in [lo, hi] (inclusive); the span must fit in 2^52. */
  big(lo: bigint, hi: bigint): bigint {
    return lo + BigInt(Math.floor(this.next() * Number(hi - lo + 1n)));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** A v4-shaped uuid (the hub's event schemas check the uuid form). */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.next() * 16).toString(16));
    hex[12] = '4';
    hex[16] = '89ab'[Math.floor(this.next() * 4)];
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}

/** Minor digits of the currencies the corpus uses (ISO 4217). */
export const MINOR_DIGITS: Record<string, number> = { USD: 2, EUR: 2 };

/** Minor units -> decimal string with the currency's digits ("1234.56"). */
export function toDecimal(minor: bigint, currency: string): string {
  const digits = MINOR_DIGITS[currency];
  if (digits === undefined) throw new Error(`no minor digits for ${currency}`);
  if (minor < 0n) throw new Error(`negative amount ${minor}`);
  const s = minor.toString().padStart(digits + 1, '0');
  return digits === 0 ? s : `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/** Decimal string -> minor units (exact; rejects more decimals than the currency has). */
export function toMinor(decimal: string, currency: string): bigint {
  const digits = MINOR_DIGITS[currency];
  if (digits === undefined) throw new Error(`no minor digits for ${currency}`);
  const m = /^(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!m || (m[2] ?? '').length > digits) throw new Error(`not a ${currency} amount: "${decimal}"`);
  return BigInt(`${m[1]}${(m[2] ?? '').padEnd(digits, '0')}`);
}

/** SWIFT amount form: decimal comma ("1234,56"). */
export function toSwift(minor: bigint, currency: string): string {
  return toDecimal(minor, currency).replace('.', ',');
}

/** A share of an amount, rounded down to the minor unit: `minor * percent / 100`. */
export function percentOf(minor: bigint, percent: bigint): bigint {
  return (minor * percent) / 100n;
}

/** The default charge tolerance of docs/domain.md §3: 1 % or 50 units, whichever is lower (minor units). */
export function defaultChargeTolerance(minor: bigint, currency: string): bigint {
  const unit = 10n ** BigInt(MINOR_DIGITS[currency] ?? 2);
  const onePercent = minor / 100n;
  const fifty = 50n * unit;
  return onePercent < fifty ? onePercent : fifty;
}

/** Luhn check digit of a digit string (the hub's virtual accounts end with one). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** `VA` + `88` + 8-digit sequence + Luhn digit: the hub's virtual account number form. */
export function virtualAccount(sequence: number): string {
  const body = `88${String(sequence).padStart(8, '0')}`;
  return `VA${body}${luhnCheckDigit(body)}`;
}

/** `EO-YYYY-NNNNNN`, the hub's order number form. */
export function orderNumber(year: number, n: number): string {
  return `EO-${year}-${String(n).padStart(6, '0')}`;
}

// Short words: a FIN name line (:50K:, :59:) holds at most 35 characters, so the longest name
// (6 + 6 + 7 + 6 + a 4-letter legal form, and 4 spaces) is 33.
const WORDS_A = ['AMBER', 'BRISK', 'CEDAR', 'DELTA', 'EMBER', 'FJORD', 'GLADE', 'HARBOR', 'IVORY', 'JASPER', 'KOALA', 'LUMEN', 'MAPLE', 'NORTH', 'ONYX', 'PEARL', 'QUARTZ', 'RAVEN', 'SUMMIT', 'TIMBER', 'UMBRA', 'VELVET', 'WILLOW', 'XENON', 'YARROW', 'ZEPHYR', 'ARGENT', 'BOREAL', 'COBALT', 'DORADO'];
const WORDS_B = ['ANCHOR', 'BRIDGE', 'CANYON', 'DUNE', 'ESTATE', 'FALCON', 'GROVE', 'HAVEN', 'ISLAND', 'JETTY', 'KNOLL', 'LAGOON', 'MEADOW', 'NEXUS', 'ORCHID', 'PLAINS', 'QUAY', 'RIDGE', 'SPRING', 'TRAIL', 'UPLAND', 'VALLEY', 'WHARF', 'YORK', 'ZENITH', 'ATLAS', 'BEACON', 'CREST', 'DALE', 'EYRIE'];
const WORDS_C = ['TEXTILE', 'DECOR', 'DIGITAL', 'FOODS', 'TOOLS', 'LIGHTS', 'BEDDING', 'APPAREL', 'CERAMIC', 'PACKING', 'MOTORS', 'OPTICS', 'PAINTS', 'TOYS', 'SPORTS', 'MEDICAL'];
const WORDS_D = ['IMPORT', 'TRADE', 'SUPPLY', 'SALES', 'RETAIL', 'GOODS', 'MARKET', 'GROUP'];
/** Legal forms (at most 4 letters); "twins" differ only by these. */
export const LEGAL_FORMS = ['LLC', 'LTD', 'INC', 'GMBH', 'AG', 'SA', 'SRL', 'BV', 'CORP', 'SARL', 'PLC', 'KG'];
const NAME_SPACE = WORDS_A.length * WORDS_B.length * WORDS_C.length * WORDS_D.length; // 115,200

/**
 * The i-th distinct company name base ("CEDAR QUAY OPTICS SUPPLY"): a stride permutation of the
 * word grid, so consecutive buyers share few words. Unique for i < 115,200.
 */
export function companyBase(i: number): string {
  if (i >= NAME_SPACE) throw new Error(`only ${NAME_SPACE} distinct company names`);
  const k = (i * 40_849 + 7) % NAME_SPACE; // 40849 is prime, coprime with NAME_SPACE
  const a = k % WORDS_A.length;
  const b = Math.floor(k / WORDS_A.length) % WORDS_B.length;
  const c = Math.floor(k / (WORDS_A.length * WORDS_B.length)) % WORDS_C.length;
  const d = Math.floor(k / (WORDS_A.length * WORDS_B.length * WORDS_C.length)) % WORDS_D.length;
  return `${WORDS_A[a]} ${WORDS_B[b]} ${WORDS_C[c]} ${WORDS_D[d]}`;
}

const TP_WORDS = ['OSPREY', 'MERIDIAN', 'SILVERLINE', 'KINGSGATE', 'LOTUS', 'PINNACLE', 'REDWOOD', 'SAPPHIRE', 'TRIDENT', 'VANGUARD', 'HALCYON', 'ORION'];
const TP_KINDS = ['PAYMENTS SA', 'FINANCE LTD', 'HOLDINGS', 'PAY LTD', 'FACTORING', 'AGENCY LTD'];

/** The i-th third-party payer name (864 distinct, then again): words no buyer name uses, at most 33 characters. */
export function thirdPartyName(i: number): string {
  return `${TP_WORDS[i % TP_WORDS.length]} ${TP_WORDS[Math.floor(i / TP_WORDS.length) % TP_WORDS.length]} ${TP_KINDS[Math.floor(i / 144) % TP_KINDS.length]}`;
}
