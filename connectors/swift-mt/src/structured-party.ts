import type { PartyIdentifier } from '@ereceipt/contracts';
import type { Field } from './block4-fields';
import { bad, fieldName, irregular, type FieldContext } from './field-context';
import { show } from './fin-issues';
import type { Party } from './party-fields';

/**
 * Option F parties (UHB 50F, 59F; research §1.3 and tricky case 22):
 * - line 1: `/34x` account; or, in 50F, `4!a/2!a/27x` party identifier such as `CUST/DE/ABC-123`
 *   (ARNU, CCPT, CUST, DRLC, EMPL, NIDN, SOSE, TXID); in 59F the account line is optional;
 * - then `1!n/33x` lines: 1 name (repeatable, continued), 2 address, 3 country/town (`US/NEW YORK`),
 *   4–8 (50F) birth date/place, customer and national ids, details.
 * Numbering rules (numbers do not go down, the first is 1, a 2 needs a 3, a 3 starts with an ISO
 * country code: T54/T55/T56/T73) are irregular: the party is still read from the lines as sent.
 * Unusable only when nothing identifies the party: no account or identifier and no name.
 */
const IDENTIFIER = /^([A-Z]{4})\/([A-Z]{2})\/(.{1,27})$/;
const NUMBERED = /^([1-8])\/(.{0,33})$/;
export const PARTY_ID_CODES = ['ARNU', 'CCPT', 'CUST', 'DRLC', 'EMPL', 'NIDN', 'SOSE', 'TXID'] as const;

export function structuredParty(ctx: FieldContext, field: Field, maxNumber: number): Party | null {
  const flag = (code: string, message: string): void => irregular(ctx, field, code, `${fieldName(field)} ${message}`);
  const first = field.lines[0] ?? '';
  let account: string | null = null;
  let identifier: PartyIdentifier | null = null;
  let from = 1;
  const id = maxNumber === 8 ? IDENTIFIER.exec(first) : null;
  if (first.startsWith('/')) {
    account = first.slice(1);
    if (account.length < 1 || account.length > 34) flag('BAD_ACCOUNT', `account line ${show(first)} must hold 1 to 34 characters after the slash`);
    if (account.length === 0) account = null;
  } else if (id) {
    identifier = { code: id[1], country: id[2], id: id[3] };
    if (!(PARTY_ID_CODES as readonly string[]).includes(id[1])) flag('PARTY_ID_CODE', `identifier code ${id[1]} is not one of ${PARTY_ID_CODES.join(', ')}`);
  } else if (maxNumber !== 8 && NUMBERED.test(first)) {
    from = 0; // 59F without an account line: the account is optional there.
  } else {
    flag('BAD_PARTY_LINE1', `line 1 ${show(first)} must be /account${maxNumber === 8 ? ' or CODE/CC/identifier' : ' or a numbered line'}`);
  }
  const rest = field.lines.slice(from);
  if (rest.length < 1 || rest.length > 4) flag('TOO_MANY_LINES', `needs 1 to 4 numbered lines after line 1, got ${rest.length}`);
  const names: string[] = [];
  const address: string[] = [];
  let previous = 0;
  const seen = new Set<number>();
  for (let i = 0; i < rest.length; i++) {
    const m = NUMBERED.exec(rest[i]);
    const n = m ? Number(m[1]) : 0;
    const lineNo = i + 1 + from;
    if (!m || n > maxNumber || m[2].length === 0) {
      flag('T56', `line ${lineNo} ${show(rest[i])} is not n/text with n from 1 to ${maxNumber} (T56)`);
      continue;
    }
    if (n < previous) flag('T56', `line ${lineNo} number ${n} comes after ${previous}; numbers must not go down (T56)`);
    if (seen.size === 0 && n !== 1) flag('T56', `the first numbered line must be 1/ (name), got ${n}/ (T56)`);
    const text = m[2];
    if (n === 3 && !/^[A-Z]{2}(\/|$)/.test(text)) flag('T73', `line ${lineNo} ${show(rest[i])}: 3/ must start with an ISO country code (T73)`);
    if (n === 1) names.push(text);
    if (n === 2 || n === 3) address.push(text);
    seen.add(n);
    previous = n;
  }
  if (seen.has(2) && !seen.has(3)) flag('T56', 'has a 2/ address line without a 3/ country and town line (T56)');
  const name = joinName(names);
  if (name === null && account === null && identifier === null) {
    bad(ctx, field, 'identifies nobody: no account, no party identifier and no 1/ name line');
    return null;
  }
  return { name, account, address, bic: null, identifier };
}

/** A name continued on several 1/ lines; a full 33-character line was cut mid-word, so no space. */
function joinName(parts: string[]): string | null {
  if (parts.length === 0) return null;
  let name = parts[0];
  for (let i = 1; i < parts.length; i++) name += (parts[i - 1].length === 33 ? '' : ' ') + parts[i];
  return name;
}
