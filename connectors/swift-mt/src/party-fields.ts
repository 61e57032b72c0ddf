import type { PartyIdentifier } from '@ereceipt/contracts';
import type { Field } from './block4-fields';
import { bad, checkLines, fieldName, irregular, type FieldContext } from './field-context';
import { show } from './fin-issues';

/**
 * Party fields (UHB 50a, 52a–57a, 59a; research §1.3, tricky cases 20–23):
 * - an optional first line starting with `/` is an account or party identifier
 *   (`/34x`, `/1!a/34x` as `/C/…`, or `//` + clearing code such as `//CH123456`);
 * - option A: then a BIC (8 or 11); B: an optional location; C: the account line only;
 *   D / K / no letter: name and address lines, 4*35x.
 * The account keeps its text after the first `/` (so `//CH123456` → `/CH123456`), as sent.
 *
 * Format breaches are irregular (the values are read as sent); a payer or beneficiary is unusable
 * only when nothing identifies it (no account, no BIC, no name).
 */
const BIC = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

export function isBic(text: string): boolean {
  return BIC.test(text);
}

interface Split {
  account: string | null;
  rest: string[];
  restOffset: number;
}

function splitAccount(field: Field): Split {
  const first = field.lines[0] ?? '';
  if (first.startsWith('/')) return { account: first.slice(1), rest: field.lines.slice(1), restOffset: 1 };
  return { account: null, rest: field.lines, restOffset: 0 };
}

function checkAccount(ctx: FieldContext, field: Field, split: Split): void {
  // `[/1!a][/34x]`: at most `/C/` + 34 characters; a bare `/` carries nothing.
  if (split.account !== null && (split.account.length === 0 || split.account.length > 36)) {
    irregular(ctx, field, 'BAD_ACCOUNT', `${fieldName(field)} account line ${show(field.lines[0] ?? '')} must hold 1 to 34 characters after the slash`);
    if (split.account.length === 0) split.account = null;
  }
}

function bicLine(ctx: FieldContext, field: Field, split: Split): string | null {
  if (split.rest.length !== 1 || !isBic(split.rest[0])) {
    irregular(ctx, field, 'BAD_BIC', `${fieldName(field)} option A needs one BIC line after the optional account, got ${show(split.rest.join(' / '))}`);
    return split.rest.find(isBic) ?? null;
  }
  return split.rest[0];
}

export interface Institution {
  bic: string | null;
  account: string | null;
}

/** 51A–57a institutions: every breach is irregular; returns the BIC of option A (when readable). */
export function institution(ctx: FieldContext, field: Field): Institution {
  const split = splitAccount(field);
  checkAccount(ctx, field, split);
  const flag = (message: string): Institution => {
    irregular(ctx, field, `BAD_${field.tag}`, `${fieldName(field)} ${message}`);
    return { bic: null, account: split.account };
  };
  switch (field.option) {
    case 'A':
      return { bic: bicLine(ctx, field, split), account: split.account };
    case 'B':
      if (split.rest.length > 1) return flag('option B allows an account line and one location line');
      checkLines(ctx, field, 2, 37);
      return { bic: null, account: split.account };
    case 'C':
      return split.account !== null && split.rest.length === 0 ? { bic: null, account: split.account } : flag('option C is one /account line');
    case 'D':
      if (split.rest.length < 1 || split.rest.length > 4) return flag(`option D needs 1 to 4 name and address lines, got ${split.rest.length}`);
      checkLines(ctx, field, 4, 35, split.restOffset);
      return { bic: null, account: split.account };
    default:
      return flag(`option ${show(field.option)} is not a known institution option`);
  }
}

export interface Party {
  name: string | null;
  account: string | null;
  address: string[];
  bic: string | null;
  identifier: PartyIdentifier | null;
}

/** 50A, 50K, 59, 59A: account + BIC, or account + name + address lines. */
export function simpleParty(ctx: FieldContext, field: Field): Party | null {
  const split = splitAccount(field);
  checkAccount(ctx, field, split);
  if (field.option === 'A') {
    const bic = bicLine(ctx, field, split);
    if (bic === null && split.account === null) return fail(ctx, field, 'identifies nobody: no account and no BIC');
    return { name: null, account: split.account, address: [], bic, identifier: null };
  }
  const lines = split.rest.filter((l) => l.trim() !== '');
  if (lines.length > 4) irregular(ctx, field, 'TOO_MANY_LINES', `${fieldName(field)} has ${lines.length} name and address lines; at most 4 are allowed`);
  if (lines.length === 0 && split.account === null) return fail(ctx, field, 'identifies nobody: no account and no name line');
  if (lines.length === 0) irregular(ctx, field, 'MISSING_NAME', `${fieldName(field)} has an account but no name line`);
  checkLines(ctx, field, Number.MAX_SAFE_INTEGER, 35, split.restOffset);
  return { name: lines[0] ?? null, account: split.account, address: lines.slice(1), bic: null, identifier: null };
}

function fail(ctx: FieldContext, field: Field, message: string): null {
  bad(ctx, field, message);
  return null;
}
