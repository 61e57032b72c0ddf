import { canonicalRemittanceSchema, type ParseOutcome } from '@ereceipt/contracts';
import { scanGroups, type RawGroup } from './block-scanner';
import type { MappingResult } from './envelope';
import { isGap, splitSegments } from './file-segments';
import { IssueSink, MAX_INPUT_CHARS, MAX_MESSAGES, show } from './fin-issues';
import { parseTagBlock } from './header-blocks';
import { readMessage } from './message-reader';
import { mapMt103 } from './mt103-message';
import { mapMt910 } from './mt910-message';
import { fullYear } from './swift-date';
import { TextIndex } from './text-index';
import type { CanonicalRemittance } from '@ereceipt/contracts';

/** Where each message of the input went, with its raw text (extension of ParseOutcome). */
export interface FinMessage {
  index: number;
  line: number;
  raw: string;
  messageType: string | null;
  status: 'remittance' | 'skipped' | 'rejected';
}

export interface FinParseOutcome extends ParseOutcome {
  messages: FinMessage[];
}

export interface FinParseOptions {
  /**
   * "Today" for two-digit years of messages without a date of their own (input and headerless
   * messages): years are read in [year − 80, year + 19] (swift-date.ts). Default: the current date.
   */
  today?: Date;
}

/**
 * Parses FIN text: one or many MT103 / MT910 messages, in RJE, DOS-PCC, ACK-prefixed or plain
 * form. Never throws for bad input: each message yields a remittance, a skipped entry, or issues,
 * and one bad message does not stop its neighbours.
 */
export function parseFin(input: string, options: FinParseOptions = {}): FinParseOutcome {
  const todayYear = (options.today ?? new Date()).getUTCFullYear();
  const out: FinParseOutcome = { remittances: [], issues: [], skipped: [], unusable: false, messages: [] };
  const refuse = (code: string, message: string): FinParseOutcome => {
    out.issues.push({ code, message, line: null, field: null, index: null });
    out.unusable = true;
    return out;
  };
  if (input.length > MAX_INPUT_CHARS) return refuse('MT.TOO_LARGE', `input of ${input.length} characters is over the ${MAX_INPUT_CHARS} limit`);
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  if (onlyGaps(text)) return refuse('MT.EMPTY_INPUT', 'the input holds no FIN message (empty or only whitespace and padding)');

  const index = new TextIndex(text);
  const groups = splitSegments(index).flatMap((segment) => scanGroups(index, segment));
  if (groups.length > MAX_MESSAGES) return refuse('MT.TOO_MANY_MESSAGES', `input holds ${groups.length} messages, over the ${MAX_MESSAGES} limit`);

  for (let g = 0; g < groups.length; g++) {
    const first = groups[g];
    const payload = isAck(first) && g + 1 < groups.length && !isAck(groups[g + 1]) ? groups[++g] : first;
    handleMessage(index, first, payload, out, todayYear);
  }
  // Input in which nothing looked like FIN at all is not this format.
  out.unusable = out.messages.length > 0 && out.remittances.length === 0 && out.issues.every((i) => i.code === 'MT.NOT_FIN');
  return out;
}

function handleMessage(index: TextIndex, first: RawGroup, payload: RawGroup, out: FinParseOutcome, todayYear: number): void {
  const msgIndex = out.messages.length;
  const line = index.lineOf(first.start);
  const summary: FinMessage = { index: msgIndex, line, raw: index.text.slice(first.start, payload.end), messageType: null, status: 'rejected' };
  out.messages.push(summary);
  const sink = new IssueSink(msgIndex);
  let result: MappingResult<CanonicalRemittance> = { kind: 'failed' };
  try {
    result = readAndMap(index, first, payload, sink, summary, todayYear);
  } catch (error) {
    // A bug of ours must not take the neighbours down; it shows up as an issue to fix.
    sink.add('MT.INTERNAL_ERROR', `the parser failed on this message: ${error instanceof Error ? error.message : String(error)}`, line, null);
  }
  if (result.kind === 'remittance' && sink.empty) {
    const checked = canonicalRemittanceSchema.safeParse({ ...result.value, irregularities: sink.irregularities });
    if (checked.success) {
      out.remittances.push({ remittance: checked.data, location: { index: msgIndex, line, raw: summary.raw } });
      summary.status = 'remittance';
      return;
    }
    sink.add('MT.INTERNAL_SCHEMA', `the mapped remittance breaks the canonical schema: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, line, null);
  }
  if (result.kind === 'skipped' && sink.empty) {
    out.skipped.push({ reason: result.reason, line, index: msgIndex });
    summary.status = 'skipped';
    return;
  }
  if (sink.empty) sink.add('MT.INTERNAL_ERROR', 'the message was neither mapped nor reported', line, null);
  out.issues.push(...sink.issues);
}

function readAndMap(index: TextIndex, first: RawGroup, payload: RawGroup, sink: IssueSink, summary: FinMessage, todayYear: number): MappingResult<CanonicalRemittance> {
  if (isAck(first)) {
    const tags = parseTagBlock(first.blocks.find((b) => b.id === '4')?.content ?? '', index.lineOf(first.start), '{4:}', sink);
    if (first === payload) return { kind: 'skipped', reason: 'a FIN ACK/NAK service message with no message after it' };
    // 451:1 is a NAK: the network refused the message, so it was never delivered (research §1.5).
    if (tags.get('451') === '1') return { kind: 'skipped', reason: `NAK {451:1}${tags.has('405') ? ` reason ${show(tags.get('405')!)}` : ''}: the message after it was not delivered` };
  }
  const read = readMessage(index, payload, sink);
  summary.messageType = read.messageType;
  if (!read.fields) return { kind: 'failed' };
  const line = index.lineOf(payload.start);
  if (read.messageType === null && !sink.empty) return { kind: 'failed' };
  if (read.messageType !== '103' && read.messageType !== '910') {
    const what = read.messageType === null ? 'headerless text whose type cannot be told from its fields' : `MT${read.messageType}`;
    sink.add('MT.UNSUPPORTED_TYPE', `${what} is not read here; only MT103 and MT910 carry a credit to a beneficiary`, line, '{2:}');
    return { kind: 'failed' };
  }
  // Two-digit years around the message's own date (output header), else around today.
  const own = read.envelope.messageDate;
  const referenceYear = own ? fullYear(Number(own.slice(0, 2)), todayYear) : todayYear;
  const ctx = { sink, prefix: `MT${read.messageType}`, line: read.fieldsLine ?? line, referenceYear, textInX: read.fieldsInX };
  const result = read.messageType === '103' ? mapMt103(read.fields, read.envelope, ctx) : mapMt910(read.fields, read.envelope, ctx);
  if (result.kind === 'remittance' && read.testAndTraining) return { kind: 'skipped', reason: 'test and training message ({5:{TNG:}}), never booked' };
  return result;
}

function onlyGaps(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isGap(text.charCodeAt(i))) return false;
  return true;
}

function isAck(group: RawGroup): boolean {
  const b1 = group.blocks[0];
  return b1 !== undefined && b1.id === '1' && /^[FAL]21/.test(b1.content);
}
