import type { CandidateOrder } from './matching-context';

/**
 * Order numbers quoted in the remittance text (`EO-2026-000123`). Tolerated: lower case, spaces,
 * dashes, dots, slashes or underscores between the parts, no separator at all, a line break anywhere
 * inside the number (MT103 :70: wraps at 35 characters mid-word), a missing `EO` prefix when the year
 * is there (`2026000123`, `2026/000123`), a missing year when the `EO` prefix is there (`EO 000123`).
 * Not tolerated (too many false hits: dates, PO and invoice numbers): a bare sequence (`000123`),
 * a two-digit year, a digit more or less. A token is a signal only when it hits exactly one order.
 */
export interface OrderRefToken {
  year: string | null;
  seq: string;
}

const SEP = '[\\s\\-_./:#]*';
const WITH_PREFIX = new RegExp(`(?<![A-Z])EO${SEP}(20\\d{2})[\\s\\-_./]*(\\d{6})(?!\\d)`, 'g');
const YEAR_ONLY = /(?<![A-Z0-9])(20\d{2})[-_./ ]?(\d{6})(?!\d)/g;
const PREFIX_ONLY = new RegExp(`(?<![A-Z])EO${SEP}(\\d{6})(?!\\d)`, 'g');
const ORDER_NO = /^EO-(\d{4})-(\d{6})$/;

/** Two readings of wrapped text: line breaks as spaces, and line breaks inside a number removed. */
function readings(text: string): string[] {
  const upper = text.toUpperCase();
  const spaced = upper.replace(/[ \t]*\r?\n[ \t]*/g, ' ');
  const joined = upper.replace(/([0-9\-_./]|EO|E)[ \t]*\r?\n[ \t]*(?=[0-9\-_./O])/g, (match: string, left: string, at: number) => {
    const next = upper.charAt(at + match.length);
    const keepBreak = (left === 'E' && next !== 'O') || (left !== 'E' && next === 'O');
    return keepBreak ? `${left} ` : left;
  });
  return spaced === joined ? [spaced] : [spaced, joined];
}

export function extractOrderRefTokens(texts: Array<string | null>): OrderRefToken[] {
  const found = new Map<string, OrderRefToken>();
  const add = (year: string | null, seq: string) => found.set(`${year ?? '*'}-${seq}`, { year, seq });
  for (const text of texts) {
    if (!text) continue;
    for (const reading of readings(text)) {
      for (const m of reading.matchAll(WITH_PREFIX)) add(m[1], m[2]);
      for (const m of reading.matchAll(YEAR_ONLY)) add(m[1], m[2]);
      for (const m of reading.matchAll(PREFIX_ONLY)) add(null, m[1]);
    }
  }
  return [...found.values()].sort((a, b) => `${a.year ?? ''}${a.seq}`.localeCompare(`${b.year ?? ''}${b.seq}`));
}

export function parseOrderNo(orderNo: string): OrderRefToken | null {
  const m = ORDER_NO.exec(orderNo.toUpperCase());
  return m ? { year: m[1], seq: m[2] } : null;
}

/** Order numbers each hit by some token that hits no other order; sorted. */
export function resolveOrderReferences(tokens: OrderRefToken[], orders: CandidateOrder[]): string[] {
  const parsed = orders.map((o) => ({ orderNo: o.orderNo, no: parseOrderNo(o.orderNo) }));
  const hits = new Set<string>();
  for (const token of tokens) {
    const matching = parsed.filter((p) => p.no && p.no.seq === token.seq && (token.year === null || p.no.year === token.year));
    if (matching.length === 1) hits.add(matching[0].orderNo);
  }
  return [...hits].sort();
}
