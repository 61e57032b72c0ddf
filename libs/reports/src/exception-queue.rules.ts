import { DomainError } from '@ereceipt/contracts';
import { type RemittanceCategory, remittanceCategories } from './reconciliation-report';

/**
 * The exception queue's paging, sorting and search (issue 22 §5), pure: what a request may ask and
 * the keyset cursor. Amounts stay decimal strings (compared as `numeric` in PostgreSQL), never numbers.
 */

/** What the queue lists: one category, `associated` (auto and by hand), `waiting` (the default: what waits for a person) or `all`. */
export const queueCategories = ['waiting', 'all', 'associated', ...remittanceCategories] as const;
export type QueueCategory = (typeof queueCategories)[number];

export const queueSorts = ['age', 'amount', 'currency'] as const;
export type QueueSort = (typeof queueSorts)[number];
export type QueueOrder = 'asc' | 'desc';

export const WAITING_CATEGORIES: readonly RemittanceCategory[] = ['unmatched', 'suggested', 'underReview', 'followUp', 'identityConflict', 'inconsistent'];

/** The remittance statuses a category can hold (the report's definitions, libs/reports/README.md "States"); null = any. */
export function statusesOf(category: QueueCategory): readonly string[] | null {
  switch (category) {
    case 'associated':
    case 'associatedAuto':
    case 'associatedManual':
      return ['ASSOCIATED'];
    case 'underReview':
      return ['UNDER_REVIEW'];
    case 'suggested':
    case 'unmatched':
      return ['PENDING_ASSOCIATION'];
    case 'followUp':
      return ['FOLLOW_UP'];
    case 'returned':
      return ['RETURNED'];
    case 'identityConflict':
      return ['IDENTITY_CONFLICT'];
    case 'waiting':
      return ['PENDING_ASSOCIATION', 'UNDER_REVIEW', 'FOLLOW_UP', 'IDENTITY_CONFLICT'];
    case 'inconsistent':
    case 'all':
      return null;
  }
}

/** The categories a queue category stands for (`waiting` and `all` several). */
export function categoriesOf(category: QueueCategory): readonly RemittanceCategory[] {
  if (category === 'waiting') return WAITING_CATEGORIES;
  if (category === 'all') return remittanceCategories;
  if (category === 'associated') return ['associatedAuto', 'associatedManual'];
  return [category];
}

/** An amount as typed in a search box: digits with an optional fraction ("1200", "1,200.50" is refused: no thousands separators). */
const AMOUNT = /^\d{1,15}(\.\d{1,6})?$/;

export interface AmountSearch {
  /** Inclusive bounds as decimal strings; exact search has min = max. */
  min: string | null;
  max: string | null;
}

/** `"612.34"` (exact) or `"600..700"`, `"600.."`, `"..700"` (a range, bounds included); or separate min and max. */
export function parseAmountSearch(amount: string | undefined | null, min?: string | null, max?: string | null): AmountSearch | null {
  const clean = (v: string | null | undefined, field: string): string | null => {
    const t = (v ?? '').trim();
    if (t === '') return null;
    if (!AMOUNT.test(t)) throw new DomainError('REPORTS.INVALID', `${field}: ${t.slice(0, 40)} is not an amount such as 1200 or 1200.50`);
    return t;
  };
  const text = (amount ?? '').trim();
  let lo: string | null;
  let hi: string | null;
  if (text.includes('..')) {
    const parts = text.split('..');
    if (parts.length !== 2) throw new DomainError('REPORTS.INVALID', `amount: ${text.slice(0, 40)} is not an amount or a range such as 600..700`);
    const [a, b] = parts;
    lo = clean(a, 'amount');
    hi = clean(b, 'amount');
  } else if (text !== '') {
    lo = hi = clean(text, 'amount');
  } else {
    lo = clean(min, 'amountMin');
    hi = clean(max, 'amountMax');
  }
  if (lo === null && hi === null) return null;
  return { min: lo, max: hi };
}

/** A keyset position: the sort key of the last row shown, then its id. Opaque to clients (base64url JSON). */
export interface QueueCursor {
  sort: QueueSort;
  order: QueueOrder;
  /** The sort columns' values as text: received_at (PostgreSQL's own text, microseconds kept), amount, currency. */
  key: string[];
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(c: QueueCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.order, c.key, c.id])).toString('base64url');
}

/** The cursor of a request, checked against the sort asked for (a cursor of another sort is refused, not misread). */
export function decodeCursor(text: string, sort: QueueSort, order: QueueOrder): QueueCursor {
  const bad = () => new DomainError('REPORTS.INVALID', 'cursor: not a cursor of this queue (start again from the first page)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw bad();
  const [s, o, key, id] = parsed as unknown[];
  if (s !== sort || o !== order || !Array.isArray(key) || !key.every((k) => typeof k === 'string' && k.length < 64) || typeof id !== 'string' || !UUID.test(id)) throw bad();
  if (key.length !== sortColumns(sort).length - 1) throw bad();
  // Any numeric's text (a stored amount may carry more places than a search box accepts).
  if (sort === 'amount' && !/^\d{1,30}(\.\d{1,30})?$/.test(key[0] as string)) throw bad();
  return { sort, order, key: key as string[], id };
}

/** The columns of a sort, the id last (the index's column order). */
export function sortColumns(sort: QueueSort): string[] {
  switch (sort) {
    case 'age':
      return ['received_at', 'id'];
    case 'amount':
      return ['amount', 'id'];
    case 'currency':
      return ['currency', 'received_at', 'id'];
  }
}

/** `%text%` for ILIKE with the wildcards of the text escaped. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
