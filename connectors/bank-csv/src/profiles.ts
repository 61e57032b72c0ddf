import { csvProfileSchema, type CsvProfile } from './csv-profile.schema';
import type { CsvIssue } from './csv-issues';
import generic from '../profiles/generic.json';
import cnCorporateGbk from '../profiles/cn-corporate-gbk.json';
import deSepaSplit from '../profiles/de-sepa-split.json';

/**
 * The shipped bank profiles, imported statically so `src/` needs no file system. A new bank
 * layout is a new JSON file plus one line here.
 */
const shipped: Record<string, unknown> = {
  generic,
  'cn-corporate-gbk': cnCorporateGbk,
  'de-sepa-split': deSepaSplit,
};

export const csvProfileNames: readonly string[] = Object.keys(shipped);

export type ProfileResult = { ok: true; profile: CsvProfile } | { ok: false; issue: CsvIssue };

const cache = new Map<string, ProfileResult>();

/** A shipped profile by name, or a caller's profile object, validated; never throws. */
export function loadProfile(profile: string | Record<string, unknown> = 'generic'): ProfileResult {
  if (typeof profile !== 'string') return validate(profile, 'the profile object');
  const hit = cache.get(profile);
  if (hit) return hit;
  if (!Object.hasOwn(shipped, profile)) {
    return fail('CSV.UNKNOWN_PROFILE', `unknown CSV profile "${profile}"; known profiles: ${csvProfileNames.join(', ')}`);
  }
  const result = validate(shipped[profile], `profile "${profile}"`);
  cache.set(profile, result);
  return result;
}

function validate(input: unknown, what: string): ProfileResult {
  const parsed = csvProfileSchema.safeParse(input);
  if (parsed.success) return { ok: true, profile: parsed.data };
  const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  return fail('CSV.BAD_PROFILE', `${what} is invalid: ${problems.join('; ')}`);
}

function fail(code: CsvIssue['code'], message: string): ProfileResult {
  return { ok: false, issue: { code, message, line: null, field: 'profile', index: null } };
}
