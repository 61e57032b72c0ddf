import type { Field } from './block4-fields';
import { bad, type FieldContext } from './field-context';
import { show } from './fin-issues';
import type { Party } from './party-fields';

/**
 * Option F parties (UHB 50F, 59F; research §1.3 and tricky case 22):
 * line 1 `/34x` account, or (50F only) `4!a/2!a/27x` party identifier such as `CUST/DE/ABC-123`;
 * then `1!n/33x` lines: 1 name (repeatable, continued), 2 address, 3 country/town (`US/NEW YORK`),
 * 4–8 birth date/place, customer and national ids, details. Numbers must not go down, the first
 * one is 1, a 2 needs a 3, and a 3 starts with an ISO country code (T54/T55/T56/T73).
 */
const IDENTIFIER = /^[A-Z]{4}\/[A-Z]{2}\/.{1,27}$/;
const NUMBERED = /^([1-8])\/(.{1,33})$/;

export function structuredParty(ctx: FieldContext, field: Field, maxNumber: number): Party | null {
  const first = field.lines[0] ?? '';
  let account: string | null = null;
  if (first.startsWith('/')) {
    account = first.slice(1);
    if (account.length < 1 || account.length > 34) return fail(ctx, field, `account line ${show(first)} must hold 1 to 34 characters after the slash`, 0);
  } else if (!(maxNumber === 8 && IDENTIFIER.test(first))) {
    return fail(ctx, field, `line 1 ${show(first)} must be /account${maxNumber === 8 ? ' or CODE/CC/identifier' : ''}`, 0);
  }
  const rest = field.lines.slice(1);
  if (rest.length < 1 || rest.length > 4) return fail(ctx, field, `needs 1 to 4 numbered lines after line 1, got ${rest.length}`, 0);
  const names: string[] = [];
  const address: string[] = [];
  let previous = 0;
  const seen = new Set<number>();
  for (let i = 0; i < rest.length; i++) {
    const m = NUMBERED.exec(rest[i]);
    const n = m ? Number(m[1]) : 0;
    if (!m || n > maxNumber) return fail(ctx, field, `line ${i + 2} ${show(rest[i])} is not n/text with n from 1 to ${maxNumber}`, i + 1);
    if (n < previous) return fail(ctx, field, `line ${i + 2} number ${n} comes after ${previous}; numbers must not go down (T56)`, i + 1);
    if (i === 0 && n !== 1) return fail(ctx, field, `the first numbered line must be 1/ (name), got ${n}/ (T56)`, i + 1);
    const text = m[2];
    if (n === 3 && !/^[A-Z]{2}(\/|$)/.test(text)) return fail(ctx, field, `line ${i + 2} ${show(rest[i])}: 3/ must start with an ISO country code (T73)`, i + 1);
    if (n === 1) names.push(text);
    if (n === 2 || n === 3) address.push(text);
    seen.add(n);
    previous = n;
  }
  if (seen.has(2) && !seen.has(3)) return fail(ctx, field, 'has a 2/ address line without a 3/ country and town line (T56)', 0);
  return { name: joinName(names), account, address, bic: null };
}

/** A name continued on several 1/ lines; a full 33-character line was cut mid-word, so no space. */
function joinName(parts: string[]): string | null {
  if (parts.length === 0) return null;
  let name = parts[0];
  for (let i = 1; i < parts.length; i++) name += (parts[i - 1].length === 33 ? '' : ' ') + parts[i];
  return name;
}

function fail(ctx: FieldContext, field: Field, message: string, lineOffset: number): null {
  bad(ctx, field, message, lineOffset);
  return null;
}
