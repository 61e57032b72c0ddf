import { text, type XmlNode } from './xml-node';

export type DateRead =
  | { ok: true; date: string }
  | { ok: false; code: 'CAMT.MISSING_VALUE_DATE' | 'CAMT.BAD_DATE'; field: string; message: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * `Ntry/ValDt/Dt`, else the date part of `Ntry/ValDt/DtTm` (as written: the bank's local date,
 * not converted to UTC), else `Ntry/BookgDt` the same way. `TxDtls` carries no value date of its
 * own in these versions, so every transaction of an entry shares it.
 */
export function valueDateOf(entry: XmlNode): DateRead {
  const candidates: Array<[string, string | undefined]> = [
    ['Ntry/ValDt/Dt', text(entry, 'ValDt/Dt')],
    ['Ntry/ValDt/DtTm', text(entry, 'ValDt/DtTm')],
    ['Ntry/BookgDt/Dt', text(entry, 'BookgDt/Dt')],
    ['Ntry/BookgDt/DtTm', text(entry, 'BookgDt/DtTm')],
  ];
  const found = candidates.find(([, value]) => value !== undefined);
  if (!found?.[1]) {
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
