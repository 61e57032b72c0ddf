import { text, type XmlNode } from './xml-node';

export type DateRead =
  | { ok: true; date: string }
  | { ok: false; code: 'CAMT.MISSING_VALUE_DATE' | 'CAMT.BAD_DATE'; field: string; message: string };

/** Read in this order; the first present is the value date. */
const CANDIDATES = ['ValDt/Dt', 'ValDt/DtTm', 'BookgDt/Dt', 'BookgDt/DtTm'] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * `Ntry/ValDt/Dt`, else the date part of `Ntry/ValDt/DtTm` (as written: the bank's local date,
 * not converted to UTC), else `Ntry/BookgDt` the same way. `TxDtls` carries no value date of its
 * own in these versions, so every transaction of an entry shares it.
 */
export function valueDateOf(entry: XmlNode): DateRead {
  let found: [string, string] | undefined;
  for (const path of CANDIDATES) {
    const value = text(entry, path);
    if (value !== undefined) {
      found = [`Ntry/${path}`, value];
      break;
    }
  }
  if (!found) {
    return { ok: false, code: 'CAMT.MISSING_VALUE_DATE', field: 'Ntry/ValDt', message: 'the entry has neither ValDt nor BookgDt' };
  }
  const [field, value] = found;
  const date = calendarDate(value);
  return date ? { ok: true, date } : { ok: false, code: 'CAMT.BAD_DATE', field, message: `"${value}" is not a date` };
}

/** `YYYY-MM-DD` from the start of an xs:date / xs:dateTime, only if it is a real calendar day. */
export function calendarDate(value: string): string | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const rest = value.slice(10);
  // xs:date may carry a zone (`Z`, `+01:00`); xs:dateTime continues with `T`.
  if (rest !== '' && !/^(T|Z$|[+-]\d{2}:\d{2}$)/.test(rest)) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  const real = probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
  return real ? `${m[1]}-${m[2]}-${m[3]}` : null;
}
