import type { Field } from './block4-fields';
import { bad, checkLines, type FieldContext } from './field-context';
import { show } from './fin-issues';

/**
 * Party fields (UHB 50a, 52a–57a, 59a; research §1.3, tricky cases 20–23):
 * - an optional first line starting with `/` is an account or party identifier
 *   (`/34x`, `/1!a/34x` as `/C/…`, or `//` + clearing code such as `//CH123456`);
 * - option A: then a BIC (8 or 11); B: an optional location; C: the account line only;
 *   D / K / no letter: name and address lines, 4*35x.
 * The account keeps its text after the first `/` (so `//CH123456` → `/CH123456`), as sent.
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

function checkAccount(ctx: FieldContext, field: Field, split: Split): boolean {
  // `[/1!a][/34x]`: at most `/C/` + 34 characters; a bare `/` carries nothing.
  if (split.account !== null && (split.account.length === 0 || split.account.length > 36)) {
    bad(ctx, field, `account line ${show(field.lines[0] ?? '')} must hold 1 to 34 characters after the slash`);
    return false;
  }
  return true;
}

function bicLine(ctx: FieldContext, field: Field, split: Split): string | null {
  if (split.rest.length !== 1 || !isBic(split.rest[0])) {
    bad(ctx, field, `option A needs one BIC line after the optional account, got ${show(split.rest.join(' / '))}`, split.restOffset);
    return null;
  }
  return split.rest[0];
}

/** 51A–57a institutions: validated by option; returns the BIC of option A, else null. */
export function institution(ctx: FieldContext, field: Field): { bic: string | null } | null {
  const split = splitAccount(field);
  if (!checkAccount(ctx, field, split)) return null;
  switch (field.option) {
    case 'A': {
      const bic = bicLine(ctx, field, split);
      return bic === null ? null : { bic };
    }
    case 'B':
      return split.rest.length <= 1 && checkLines(ctx, field, 2, 37) ? { bic: null } : fail(ctx, field, 'option B allows an account line and one location line');
    case 'C':
      return split.account !== null && split.rest.length === 0 ? { bic: null } : fail(ctx, field, 'option C is one /account line');
    case 'D':
      if (split.rest.length < 1 || split.rest.length > 4) return fail(ctx, field, `option D needs 1 to 4 name and address lines, got ${split.rest.length}`);
      return checkPartyLines(ctx, field, split) ? { bic: null } : null;
    default:
      return fail(ctx, field, `option ${show(field.option)} is not a known institution option`);
  }
}

function checkPartyLines(ctx: FieldContext, field: Field, split: Split): boolean {
  for (let i = 0; i < split.rest.length; i++) {
    const line = split.rest[i];
    if (line.length > 35) {
      bad(ctx, field, `line ${i + 1 + split.restOffset} ${show(line)} is ${line.length} characters; at most 35 are allowed`, i + split.restOffset);
      return false;
    }
  }
  return true;
}

export interface Party {
  name: string | null;
  account: string | null;
  address: string[];
  bic: string | null;
}

/** 50A, 50K, 59, 59A: account + BIC, or account + name + address lines. */
export function simpleParty(ctx: FieldContext, field: Field): Party | null {
  const split = splitAccount(field);
  if (!checkAccount(ctx, field, split)) return null;
  if (field.option === 'A') {
    const bic = bicLine(ctx, field, split);
    return bic === null ? null : { name: null, account: split.account, address: [], bic };
  }
  if (split.rest.length < 1 || split.rest.length > 4) return fail(ctx, field, `needs 1 to 4 name and address lines after the optional account, got ${split.rest.length}`);
  if (!checkPartyLines(ctx, field, split)) return null;
  return { name: split.rest[0], account: split.account, address: split.rest.slice(1), bic: null };
}

function fail(ctx: FieldContext, field: Field, message: string): null {
  bad(ctx, field, message);
  return null;
}
