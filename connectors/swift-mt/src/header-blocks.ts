import { show, type IssueSink } from './fin-issues';

/**
 * Blocks 1, 2, 3 and 5 (research §1.1; prowide SwiftBlock1/2Input/2Output/3/5).
 * An LT address is BIC8 + terminal code + branch (`BANKDEFFAXXX`); the institution's BIC11 drops
 * the terminal code (`BANKDEFFXXX`).
 */
export interface Block1 {
  appId: string;
  /** `01` user message, `21` ACK/NAK. */
  serviceId: string;
  logicalTerminal: string;
}

export interface Block2 {
  direction: 'I' | 'O';
  messageType: string;
  /** Input: the receiver. Output: the sender, from the MIR. */
  counterpartyLt: string;
  /** Output only: the output date YYMMDD (the message's own date, for two-digit years). */
  outputDate: string | null;
}

const LT = '[A-Z]{6}[A-Z0-9]{6}';
const BLOCK1 = new RegExp(`^([FAL])(01|21)(${LT})(\\d{4})(\\d{6})$`);
// Input: I + MT + receiver LT + priority [+ delivery monitoring + obsolescence] (17–21 chars; priority tolerated absent).
const BLOCK2_IN = new RegExp(`^I(\\d{3})(${LT})([SUN](\\d(\\d{3})?)?)?$`);
// Output: O + MT + input time + MIR (date, sender LT, session, sequence) + output date + time + priority (47).
const BLOCK2_OUT = new RegExp(`^O(\\d{3})(\\d{4})(\\d{6})(${LT})(\\d{4})(\\d{6})(\\d{6})(\\d{4})([SUN])?$`);

export function ltToBic(lt: string): string {
  return `${lt.slice(0, 8)}${lt.slice(9, 12)}`;
}

export function parseBlock1(content: string, line: number, sink: IssueSink): Block1 | null {
  const m = BLOCK1.exec(content);
  if (!m) {
    sink.add('MT.BAD_BLOCK1', `basic header block 1 ${show(content)} is not F01/F21 + 12-character LT address + 4-digit session + 6-digit sequence`, line, '{1:}');
    return null;
  }
  return { appId: m[1], serviceId: m[2], logicalTerminal: m[3] };
}

export function parseBlock2(content: string, line: number, sink: IssueSink): Block2 | null {
  const input = BLOCK2_IN.exec(content);
  if (input) return { direction: 'I', messageType: input[1], counterpartyLt: input[2], outputDate: null };
  const output = BLOCK2_OUT.exec(content);
  if (output) return { direction: 'O', messageType: output[1], counterpartyLt: output[4], outputDate: output[7] };
  const hint = content.startsWith('O') ? `output headers are 47 characters, this one has ${content.length}` : 'input headers are I + type + 12-character receiver + priority';
  sink.add('MT.BAD_BLOCK2', `application header block 2 ${show(content)} is neither input nor output form: ${hint}`, line, '{2:}');
  return null;
}

/**
 * `{tag:value}` pairs of block 3 / block 5. Values may themselves contain balanced braces
 * (danielquinn/mt103#3), so this counts depth instead of using a regex.
 */
export function parseTagBlock(content: string, line: number, blockName: string, sink: IssueSink): Map<string, string> {
  const tags = new Map<string, string>();
  let i = 0;
  while (i < content.length) {
    if (content[i] !== '{') {
      sink.add('MT.BAD_BLOCK', `${blockName} must hold {tag:value} pairs; found ${show(content.slice(i))}`, line, blockName);
      return tags;
    }
    let depth = 0;
    let j = i;
    for (; j < content.length; j++) {
      if (content[j] === '{') depth++;
      else if (content[j] === '}' && --depth === 0) break;
    }
    const inner = content.slice(i + 1, j);
    const colon = inner.indexOf(':');
    if (j >= content.length || colon < 1) {
      sink.add('MT.BAD_BLOCK', `${blockName} has a malformed tag ${show(content.slice(i, j + 1))}`, line, blockName);
      return tags;
    }
    tags.set(inner.slice(0, colon), inner.slice(colon + 1));
    i = j + 1;
  }
  return tags;
}
