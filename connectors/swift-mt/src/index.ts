import type { BankConnector, ParseOutcome } from '@ereceipt/contracts';
import { isGap } from './file-segments';
import { MAX_INPUT_CHARS } from './fin-issues';
import { parseFin } from './parse-fin';

export { parseFin, type FinMessage, type FinParseOutcome } from './parse-fin';
export { parseAmount, parseCurrencyAmount, parseRate, parseSwiftDecimal } from './swift-amount';
export { parseYymmdd } from './swift-date';
export { MAX_INPUT_CHARS } from './fin-issues';

/**
 * FIN is 7/8-bit text (research §1.5): decode as UTF-8, and fall back to Latin-1 so that a stray
 * accented byte becomes a reported X-charset issue instead of an unreadable file.
 */
export function decodeFin(input: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    return new TextDecoder('latin1').decode(input);
  }
}

/** FIN text, RJE (`$`), DOS-PCC (SOH), or bare `:20:` block 4 text. */
export function detectFin(head: string): boolean {
  let at = 0;
  while (at < head.length && (isGap(head.charCodeAt(at)) || head.charCodeAt(at) === 0xfeff)) at++;
  const start = head.slice(at);
  return /^\{[1-5]:/.test(start) || /^:20:/.test(start);
}

export const swiftMtConnector: BankConnector = {
  format: 'mt103',
  detect: detectFin,
  async parse(input: Uint8Array): Promise<ParseOutcome> {
    if (input.byteLength > MAX_INPUT_CHARS) {
      return {
        remittances: [],
        issues: [{ code: 'MT.TOO_LARGE', message: `input of ${input.byteLength} bytes is over the ${MAX_INPUT_CHARS} limit`, line: null, field: null, index: null }],
        skipped: [],
        unusable: true,
      };
    }
    return parseFin(decodeFin(input));
  },
};
