import type { JobSchedule } from './scheduled-job';

/**
 * When a job is next due. Pure. `previousDue` is the slot that just ran (or null for a job never
 * run); `now` is the clock. Missed slots after downtime are not replayed one by one: the next due
 * time is the first slot after `now` (a daily recompute that missed three days runs once).
 * An interval job never run is due at once; a daily job never run waits for its first slot.
 */
export function nextDue(schedule: JobSchedule, previousDue: Date | null, now: Date): Date {
  if ('everySeconds' in schedule) {
    const step = schedule.everySeconds * 1000;
    if (!previousDue) return now;
    const next = previousDue.getTime() + step;
    if (next > now.getTime()) return new Date(next);
    // Skip the slots missed while down: the next one on the same grid after now.
    return new Date(next + Math.ceil((now.getTime() - next + 1) / step) * step);
  }
  return nextDailySlot(schedule.dailyAt, schedule.timeZone, new Date(Math.max(previousDue?.getTime() ?? 0, now.getTime())));
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The first HH:MM in `timeZone` strictly after `after`. */
export function nextDailySlot(hhmm: string, timeZone: string, after: Date): Date {
  const m = HHMM.exec(hhmm);
  if (!m) throw new Error(`dailyAt: ${hhmm} is not HH:MM`);
  const [hour, minute] = [Number(m[1]), Number(m[2])];
  // Walk the calendar days of `timeZone` around `after` and take the first matching instant.
  for (let dayOffset = -1; dayOffset <= 2; dayOffset++) {
    const local = localDate(new Date(after.getTime() + dayOffset * 86_400_000), timeZone);
    const candidate = zonedInstant(local.year, local.month, local.day, hour, minute, timeZone);
    if (candidate.getTime() > after.getTime()) return candidate;
  }
  throw new Error(`no ${hhmm} slot found in ${timeZone} after ${after.toISOString()}`);
}

function localDate(instant: Date, timeZone: string): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/** The instant when the wall clock in `timeZone` reads the given date and time (DST gaps move forward). */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes settle the offset on either side of a DST change.
  let guess = asUtc - offsetMs(new Date(asUtc), timeZone);
  guess = asUtc - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

function offsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return local - Math.floor(instant.getTime() / 1000) * 1000;
}
