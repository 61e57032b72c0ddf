import type { BankConnector, BankParseOptions, ParseOutcome } from '@ereceipt/contracts';
import { looksLikeCsv } from './detect';
import { parseCsvStream } from './parse-csv-stream';

/** Feeds a whole buffer to the streaming parser in slices, without copying it. */
async function* slices(input: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < input.length; at += size) yield input.subarray(at, at + size);
}

/** `BankConnector` for CSV exports: the stream collected into one `ParseOutcome`. */
export const bankCsvConnector: BankConnector = {
  format: 'csv',
  detect: looksLikeCsv,
  async parse(input: Uint8Array, options: BankParseOptions = {}): Promise<ParseOutcome> {
    const outcome: ParseOutcome = { remittances: [], issues: [], skipped: [], unusable: false };
    for await (const event of parseCsvStream(slices(input), options.profile ?? 'generic')) {
      switch (event.type) {
        case 'remittance':
          outcome.remittances.push({ remittance: event.remittance, location: event.location });
          break;
        case 'issue':
          outcome.issues.push(event.issue);
          outcome.unusable ||= event.unusable;
          break;
        case 'skipped':
          outcome.skipped.push(event.skipped);
          break;
      }
    }
    return outcome;
  },
};
