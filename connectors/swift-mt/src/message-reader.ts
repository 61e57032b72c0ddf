import type { RawBlock, RawGroup } from './block-scanner';
import { tokenizeFields, type Field } from './block4-fields';
import { isAllX } from './charset';
import type { Envelope } from './envelope';
import { show, type IssueSink } from './fin-issues';
import { ltToBic, parseBlock1, parseBlock2, parseTagBlock, type Block1, type Block2 } from './header-blocks';
import type { TextIndex } from './text-index';
import { readTrailer, readUserHeader } from './user-header';

/**
 * Turns one scanned message (its blocks, or bare `:20:` text) into an envelope and block 4
 * fields. Envelope problems are reported; block 4 is tokenized unless it is missing or cut off,
 * since a truncated text block would only add misleading "missing field" issues.
 */
export interface ReadMessage {
  messageType: string | null;
  envelope: Envelope;
  fields: Field[] | null;
  /** Input line where block 4 (or the bare field text) starts. */
  fieldsLine: number | null;
  /** Every character of the text block is in the x set (charset.ts `isAllX`). */
  fieldsInX: boolean;
  testAndTraining: boolean;
}

const KNOWN_BLOCKS = new Set(['1', '2', '3', '4', '5', 'S']);
const FIELD_LINE = /^:\d{2,3}[A-Z]?:/m;

export function readMessage(index: TextIndex, group: RawGroup, sink: IssueSink): ReadMessage {
  const envelope: Envelope = { senderBic: null, uetr: null, validationFlag: null, possibleDuplicate: false, messageDate: null };
  const result: ReadMessage = { messageType: null, envelope, fields: null, fieldsLine: null, fieldsInX: false, testAndTraining: false };
  const lineOf = (offset: number): number => index.lineOf(offset);
  if (group.unterminatedFrame) sink.add('MT.TRUNCATED_FRAME', 'DOS-PCC frame has a start (SOH, 0x01) but no end (ETX, 0x03)', lineOf(group.start), null);

  if (group.bare) {
    const { content, start } = group.bare;
    if (!FIELD_LINE.test(content)) {
      sink.add('MT.NOT_FIN', `text ${show(content.trim())} is neither a FIN block ({1:...}) nor a :tag: field line`, lineOf(start), null);
      return result;
    }
    // Headerless block 4 (bank portals, copy and paste): research tricky case 32.
    result.fieldsLine = lineOf(start);
    const text = content.replace(/\r?\n-\}?\s*$/, '\n');
    result.fields = tokenizeFields(text, result.fieldsLine, sink);
    result.fieldsInX = isAllX(text);
    result.messageType = typeBySignature(result.fields);
    return result;
  }

  const blocks = new Map<string, RawBlock>();
  for (const block of group.blocks) {
    const name = `{${block.id}:}`;
    if (!KNOWN_BLOCKS.has(block.id)) sink.add('MT.UNKNOWN_BLOCK', `block ${name} is not a FIN block (1, 2, 3, 4, 5 or S)`, lineOf(block.start), name);
    else if (blocks.has(block.id)) sink.add('MT.BAD_STRUCTURE', `block ${name} appears twice in one message`, lineOf(block.start), name);
    else blocks.set(block.id, block);
    if (block.truncated) {
      const end = block.id === '4' ? "'-}' (CRLF, hyphen, brace)" : "'}'";
      sink.add('MT.TRUNCATED_BLOCK', `block ${name} starting on line ${lineOf(block.start)} is cut off: no closing ${end}`, lineOf(block.start), name);
    }
  }
  const b1 = blocks.get('1');
  const b2 = blocks.get('2');
  const block1: Block1 | null = b1 && !b1.truncated ? parseBlock1(b1.content, lineOf(b1.start), sink) : null;
  const block2: Block2 | null = b2 && !b2.truncated ? parseBlock2(b2.content, lineOf(b2.start), sink) : null;
  const b3 = blocks.get('3');
  if (b3 && !b3.truncated) {
    const header = readUserHeader(parseTagBlock(b3.content, lineOf(b3.start), '{3:}', sink), lineOf(b3.start), sink);
    envelope.uetr = header.uetr;
    envelope.validationFlag = header.validationFlag;
  }
  const b5 = blocks.get('5');
  if (b5 && !b5.truncated) {
    const trailer = readTrailer(parseTagBlock(b5.content, lineOf(b5.start), '{5:}', sink));
    envelope.possibleDuplicate = trailer.possibleDuplicate;
    result.testAndTraining = trailer.testAndTraining;
  }
  // Input messages carry the sender in block 1; output messages in the MIR of block 2 (block 1 is us).
  envelope.messageDate = block2?.outputDate ?? null;
  if (block2?.direction === 'O') envelope.senderBic = ltToBic(block2.counterpartyLt);
  else if (block1) envelope.senderBic = ltToBic(block1.logicalTerminal);

  const b4 = blocks.get('4');
  if (!b4) {
    if (!group.blocks.some((b) => b.truncated)) sink.add('MT.MISSING_BLOCK4', 'the message has no text block {4:...}', lineOf(group.start), '{4:}');
  } else if (!b4.truncated) {
    result.fieldsLine = lineOf(b4.start);
    result.fields = tokenizeFields(b4.content, lineOf(b4.contentStart), sink);
    result.fieldsInX = isAllX(b4.content);
  }
  result.messageType = block2?.messageType ?? (b2 ? null : result.fields ? typeBySignature(result.fields) : null);
  return result;
}

/** For headerless text, tell MT910 (21 + 25) from MT103 (23B, 50a, 59a, 71A) by the tags used. */
function typeBySignature(fields: Field[]): string | null {
  const has = (n: string): boolean => fields.some((f) => f.number === n);
  if (has('21') && has('25')) return '910';
  if (has('23') || has('59') || has('71') || has('50')) return '103';
  return null;
}
