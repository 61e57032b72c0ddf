import { creditorReferenceCheck, isValidCreditorReference } from '@ereceipt/contracts';
import type { CandidateOrder } from './matching-context';

/**
 * Order numbers quoted in the remittance text (`EO-2026-000123`). Tolerated: lower case, spaces,
 * dashes, dots, slashes or underscores between the parts, no separator at all, a line break anywhere
 * inside the number (MT103 :70: wraps at 35 characters mid-word), a missing `EO` prefix when the year
 * is there (`2026000123`, `2026/000123`), a missing year when the `EO` prefix is there (`EO 000123`).
 * Not tolerated (too many false hits: dates, PO and invoice numbers): a bare sequence (`000123`),
 * a two-digit year, a digit more or less. A token is a signal only when it hits exactly one order.
 *
 * The ISO 11649 creditor reference printed in the reminder (`RF28 EO20 2600 0123`, any spacing) is
 * read too: its check digits prove it was typed right. A creditor reference whose check fails, or an
 * order number with a digit missing (`EO-2026-01234`), is a typo: never read as another order, it
 * lists the order numbers one edit away that it could have been (for a creditor reference, only
 * those whose check digits are the ones quoted, or its own body when the check digits were mistyped).
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
const CREDITOR_REF = /(?<![A-Z0-9])RF[\s-]*(\d{2})[\s-]*E[\s-]*O((?:[\s-]*\d){9,10})/g;
const DROPPED_DIGIT = new RegExp(`(?<![A-Z])EO${SEP}(20\\d{2})[\\s\\-_./]*(\\d{5}|0\\d{6})(?!\\d)`, 'g');

/** A reference that looks like one of ours but is mistyped, and the order numbers it could have meant. */
export interface ReferenceTypo {
  quoted: string;
  candidates: string[];
}

/** What the remittance text quotes: well-formed order references, and typos. */
export interface QuotedReferences {
  tokens: OrderRefToken[];
  typos: ReferenceTypo[];
}

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
  return readReferences(texts).tokens;
}

export function readReferences(texts: Array<string | null>): QuotedReferences {
  const found = new Map<string, OrderRefToken>();
  const typos = new Map<string, ReferenceTypo>();
  const dropped: Array<{ year: string; digits: string }> = [];
  const add = (year: string | null, seq: string) => found.set(`${year ?? '*'}-${seq}`, { year, seq });
  for (const text of texts) {
    if (!text) continue;
    for (const reading of readings(text)) {
      for (const m of reading.matchAll(WITH_PREFIX)) add(m[1], m[2]);
      for (const m of reading.matchAll(YEAR_ONLY)) add(m[1], m[2]);
      for (const m of reading.matchAll(PREFIX_ONLY)) add(null, m[1]);
      for (const m of reading.matchAll(CREDITOR_REF)) {
        const check = m[1];
        const digits = m[2].replace(/[\s-]/g, '');
        const quoted = `RF${check}EO${digits}`;
        if (digits.length === 10 && isValidCreditorReference(quoted)) add(digits.slice(0, 4), digits.slice(4));
        else typos.set(quoted, { quoted, candidates: creditorReferenceCandidates(check, digits) });
      }
      for (const m of reading.matchAll(DROPPED_DIGIT)) dropped.push({ year: m[1], digits: m[2] });
    }
  }
  const tokens = [...found.values()].sort((a, b) => `${a.year ?? ''}${a.seq}`.localeCompare(`${b.year ?? ''}${b.seq}`));
  for (const { year, digits } of dropped) {
    // A number wrapped across lines reads short (or long) in one reading and whole in the other: not a typo.
    const whole = tokens.some((t) => (t.year === null || t.year === year) && (t.seq.startsWith(digits) || digits.startsWith(t.seq)));
    if (whole) continue;
    const quoted = `EO-${year}-${digits}`;
    const seqs = digits.length === 5 ? insertions(digits) : deletions(digits);
    typos.set(quoted, { quoted, candidates: seqs.map((seq) => `EO-${year}-${seq}`) });
  }
  return { tokens, typos: [...typos.values()].sort((a, b) => a.quoted.localeCompare(b.quoted)) };
}

/** Order numbers one typing error away: an adjacent transposition or one wrong digit in the sequence. */
export function typoNeighbours(orderNo: string): string[] {
  const no = parseOrderNo(orderNo);
  if (!no) return [];
  return [...new Set([...transpositions(no.seq), ...substitutions(no.seq)])].filter((seq) => seq !== no.seq && seq !== '000000').map((seq) => `EO-${no.year}-${seq}`);
}

/**
 * The orders a mistyped creditor reference can stand for: its own body when only the check digits
 * were mistyped, and every body one error away whose check digits are the ones quoted.
 */
function creditorReferenceCandidates(check: string, digits: string): string[] {
  const asOrderNo = (d: string) => `EO-${d.slice(0, 4)}-${d.slice(4)}`;
  if (digits.length === 9) return insertions(digits).map(asOrderNo).filter((no) => /^EO-20/.test(no) && creditorReferenceCheck(no) === check);
  const own = asOrderNo(digits);
  const near = [...new Set([...transpositions(digits), ...substitutions(digits)])].filter((d) => d !== digits).map(asOrderNo);
  return [own, ...near.filter((no) => /^EO-20/.test(no) && creditorReferenceCheck(no) === check)];
}

function transpositions(digits: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < digits.length; i++) out.push(digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2));
  return out;
}

function substitutions(digits: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < digits.length; i++) for (const d of '0123456789') out.push(digits.slice(0, i) + d + digits.slice(i + 1));
  return out;
}

function insertions(digits: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i <= digits.length; i++) for (const d of '0123456789') out.add(digits.slice(0, i) + d + digits.slice(i));
  return [...out];
}

function deletions(digits: string): string[] {
  return [...new Set(Array.from({ length: digits.length }, (_, i) => digits.slice(0, i) + digits.slice(i + 1)))];
}

export function parseOrderNo(orderNo: string): OrderRefToken | null {
  const m = ORDER_NO.exec(orderNo.toUpperCase());
  return m ? { year: m[1], seq: m[2] } : null;
}

/** Tokens that hit no order at all (printed as quoted: `EO-2026-999999`, `EO-*-000123`). */
export function unresolvedReferences(tokens: OrderRefToken[], orders: CandidateOrder[]): string[] {
  const known = orders.map((o) => parseOrderNo(o.orderNo)).filter((no): no is OrderRefToken => no !== null);
  // `EO202692\n3031` also reads as `EO 202692` (no year): a piece of a whole number, not a reference of its own.
  const piece = (t: OrderRefToken) => t.year === null && tokens.some((w) => w.year !== null && `${w.year}${w.seq}`.startsWith(t.seq));
  return tokens
    .filter((t) => !piece(t) && !known.some((no) => no.seq === t.seq && (t.year === null || no.year === t.year)))
    .map((t) => `EO-${t.year ?? '*'}-${t.seq}`);
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
