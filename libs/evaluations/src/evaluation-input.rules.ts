/**
 * What a buyer may send (docs/domain.md §5): three ratings of 1-5 whole stars and an optional comment.
 * The same names come from the HTML form (strings) and from JSON (numbers or digit strings). The
 * comment is stored exactly as given (it is escaped wherever it is shown); only an empty field
 * means "no comment". Pure: a body in, a value or the issues naming each field out.
 */
export const COMMENT_MAX_CHARS = 2000;
export const REPLY_MAX_CHARS = 2000;

export const dimensions = ['serviceAttitude', 'deliverySpeed', 'descriptionAccuracy'] as const;
export type Dimension = (typeof dimensions)[number];

export const dimensionLabels: Record<Dimension, string> = {
  serviceAttitude: 'Service attitude',
  deliverySpeed: 'Delivery speed',
  descriptionAccuracy: 'Accuracy of the goods description',
};

export type Ratings = Record<Dimension, number>;

export interface EvaluationInput {
  ratings: Ratings;
  comment: string | null;
}

export interface InputIssue {
  field: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: InputIssue[] };

function stars(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5) return value;
  if (typeof value === 'string' && /^[1-5]$/.test(value.trim())) return Number(value.trim());
  return null;
}

/** Characters as a person counts them (code points), so an emoji is one, not two. */
export function charCount(text: string): number {
  return [...text].length;
}

function freeText(value: unknown, field: string, max: number, required: boolean, issues: InputIssue[]): string | null {
  if (value === undefined || value === null || value === '') {
    if (required) issues.push({ field, message: 'is required' });
    return null;
  }
  if (typeof value !== 'string') {
    issues.push({ field, message: 'must be text' });
    return null;
  }
  if (required && value.trim() === '') issues.push({ field, message: 'must not be blank' });
  if (charCount(value) > max) issues.push({ field, message: `is ${charCount(value)} characters; at most ${max}` });
  // PostgreSQL text cannot hold NUL; refusing it is clearer than a failed insert.
  if (value.includes('\u0000')) issues.push({ field, message: 'must not contain NUL characters' });
  return value;
}

export function parseEvaluationInput(body: Record<string, unknown>): Parsed<EvaluationInput> {
  const issues: InputIssue[] = [];
  const ratings = {} as Ratings;
  for (const d of dimensions) {
    const v = stars(body[d]);
    if (v === null) issues.push({ field: d, message: body[d] === undefined || body[d] === '' ? 'is required: 1 to 5 stars' : 'must be a whole number of stars from 1 to 5' });
    else ratings[d] = v;
  }
  const comment = freeText(body.comment, 'comment', COMMENT_MAX_CHARS, false, issues);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: { ratings, comment } };
}

export function parseReply(body: Record<string, unknown>): Parsed<string> {
  const issues: InputIssue[] = [];
  const text = freeText(body.text, 'text', REPLY_MAX_CHARS, true, issues);
  return issues.length > 0 || text === null ? { ok: false, issues } : { ok: true, value: text };
}
