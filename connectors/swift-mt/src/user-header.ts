import { show, type IssueSink } from './fin-issues';

/**
 * Block 3 tags that matter to a beneficiary (research §1.1):
 * 108 MUR (16x, spaces occur), 119 validation flag (STP / REMIT / COV / RFDD),
 * 121 UETR (36!x, UUID v4; SWIFT gpi and the camt XSD want lower case, upper case is normalised).
 */
export interface UserHeader {
  mur: string | null;
  validationFlag: string | null;
  uetr: string | null;
}

const UUID_V4 = /^[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}$/;
const FLAGS = new Set(['STP', 'REMIT', 'COV', 'RFDD']);

export function readUserHeader(tags: Map<string, string>, line: number, sink: IssueSink): UserHeader {
  const mur = tags.get('108') ?? null;
  if (mur !== null && (mur.length === 0 || mur.length > 16)) {
    sink.flag('MT.BAD_108', `message user reference {108:} ${show(mur)} (line ${line}) must be 1 to 16 characters`, '{108:}');
  }
  const flag = tags.get('119') ?? null;
  if (flag !== null && !FLAGS.has(flag)) {
    sink.flag('MT.BAD_119', `validation flag {119:} ${show(flag)} (line ${line}) is not STP, REMIT, COV or RFDD`, '{119:}');
  }
  const rawUetr = tags.get('121') ?? null;
  let uetr: string | null = null;
  if (rawUetr !== null) {
    const lower = rawUetr.toLowerCase();
    if (UUID_V4.test(lower)) uetr = lower;
    // Irregular: the wire is still identified by 20 and 32A; the UETR is left out (null).
    else sink.flag('MT.BAD_UETR', `UETR {121:} ${show(rawUetr)} (line ${line}) is not a UUID version 4 (xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx)`, '{121:}');
  }
  return { mur, validationFlag: flag, uetr };
}

/**
 * Block 5 trailer: PDE (possible duplicate emission, the sender may have sent it before) and PDM
 * (possible duplicate message, SWIFT re-delivered it) both mean "may repeat an earlier credit";
 * TNG marks a test-and-training message, which must never be booked.
 */
export interface Trailer {
  possibleDuplicate: boolean;
  testAndTraining: boolean;
}

export function readTrailer(tags: Map<string, string>): Trailer {
  return { possibleDuplicate: tags.has('PDE') || tags.has('PDM'), testAndTraining: tags.has('TNG') };
}
