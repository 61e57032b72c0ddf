import type { ColumnField, CsvProfile } from './csv-profile.schema';
import { headerKey } from './cells';

/** Column positions of the mapped canonical fields, found by header name in any order. */
export type ColumnIndex = Partial<Record<Exclude<ColumnField, 'remittance_info'>, number>> & { remittance_info?: number[] };

export type HeaderResult = { ok: true; index: ColumnIndex } | { ok: false; code: 'CSV.MISSING_COLUMN' | 'CSV.DUPLICATE_COLUMN'; message: string };

/** The canonical fields a row cannot do without under this profile. */
function requiredFields(profile: CsvProfile): ColumnField[] {
  const fields: ColumnField[] = ['value_date'];
  if (profile.sign.model === 'split') fields.push('credit_amount', 'debit_amount');
  else fields.push('amount');
  if (profile.sign.model === 'drcr') fields.push('drcr');
  if (!profile.defaultCurrency) fields.push('currency');
  return fields;
}

/**
 * Maps the header row. Unknown columns are ignored (docs/contract.md "Generic CSV profile"); a mapped
 * column that appears twice is refused, since picking one would be a guess about which is meant.
 */
export function mapHeader(cells: readonly string[], profile: CsvProfile): HeaderResult {
  const positions = new Map<string, number[]>();
  cells.forEach((cell, i) => {
    const key = headerKey(cell);
    positions.set(key, [...(positions.get(key) ?? []), i]);
  });
  const index: ColumnIndex = {};
  const missing: string[] = [];
  const find = (field: ColumnField, name: string): number | undefined => {
    const at = positions.get(headerKey(name));
    if (!at) {
      if (requiredFields(profile).includes(field)) missing.push(`${field} ("${name}")`);
      return undefined;
    }
    if (at.length > 1) throw new DuplicateColumn(`column "${name}" (${field}) appears ${at.length} times in the header`);
    return at[0];
  };
  try {
    for (const [field, name] of Object.entries(profile.columns) as [ColumnField, string | string[] | undefined][]) {
      if (name === undefined) continue;
      if (field === 'remittance_info') {
        const at = (Array.isArray(name) ? name : [name]).map((n) => find(field, n)).filter((i) => i !== undefined);
        if (at.length) index.remittance_info = at;
      } else {
        const at = find(field, name as string);
        if (at !== undefined) index[field] = at;
      }
    }
  } catch (err) {
    if (err instanceof DuplicateColumn) return { ok: false, code: 'CSV.DUPLICATE_COLUMN', message: err.message };
    throw err;
  }
  if (missing.length) {
    return { ok: false, code: 'CSV.MISSING_COLUMN', message: `header lacks required column(s) ${missing.join(', ')} for profile "${profile.name}"` };
  }
  return { ok: true, index };
}

class DuplicateColumn extends Error {}
