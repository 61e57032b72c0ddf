import type { Irregularity, ParseIssue } from '@ereceipt/contracts';

/**
 * Collects the issues of one FIN message. Codes are `AREA.REASON` (docs/conventions.md §6): `MT.*` for the
 * envelope and file framing (blocks 1, 2, 3, 5, wrappers), `MT103.*` / `MT910.*` for block 4.
 *
 * Two classes (issue 21, README "Rules"):
 * - `add`: the message is *unusable* (no amount, currency, value date, payer or beneficiary; bad
 *   block structure; not a credit message). It yields no remittance and goes to the DLQ.
 * - `flag`: the message is *irregular*: a rule the sender broke that does not change who paid how
 *   much to whom. A bank has booked that money, so the remittance is kept with the rule codes as
 *   `irregularities`, and matching sends it to review instead of an automatic association.
 */
export class IssueSink {
  readonly issues: ParseIssue[] = [];
  readonly irregularities: Irregularity[] = [];

  constructor(readonly index: number | null) {}

  add(code: string, message: string, line: number | null, field: string | null = null): void {
    // Bounded: garbage input must not build an unbounded issue list for one message.
    if (this.issues.length >= MAX_ISSUES_PER_MESSAGE) return;
    this.issues.push({ code, message, line, field, index: this.index });
    if (this.issues.length === MAX_ISSUES_PER_MESSAGE) {
      this.issues.push({ code: 'MT.TOO_MANY_ISSUES', message: `more than ${MAX_ISSUES_PER_MESSAGE} issues in this message; the rest are not listed`, line, field: null, index: this.index });
    }
  }

  flag(code: string, message: string, field: string | null = null): void {
    if (this.irregularities.length >= MAX_ISSUES_PER_MESSAGE) return;
    if (this.irregularities.some((i) => i.code === code && i.field === field && i.message === message)) return;
    this.irregularities.push({ code, field, message });
  }

  /** No unusable issue so far (irregularities do not count). */
  get empty(): boolean {
    return this.issues.length === 0;
  }
}

export const MAX_ISSUES_PER_MESSAGE = 50;

/** Inputs above this are refused as `unusable` before any scanning (bounded work). */
export const MAX_INPUT_CHARS = 20 * 1024 * 1024;

/** A FIN file with more messages than this is refused (one Kafka message, one bank file). */
export const MAX_MESSAGES = 100_000;

/** Quotes a value for an issue message, cut so that a huge field does not flood the log. */
export function show(value: string, max = 60): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(cut);
}
