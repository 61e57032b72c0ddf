import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { type BankFileFormat, bankFileFormats } from '@ereceipt/contracts';
import { bankConnectors, describeIssue, guessFormat } from '@ereceipt/remittances';

/**
 * `ereceipt parse FILE`: canonical remittances as JSON lines on stdout, each rejected message on
 * stderr as `FILE:LINE: reason`; exit 0 all parsed, 1 some rejected, 2 unusable input or usage.
 */
export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('parse a bank file into canonical remittances (JSON lines)')
    .argument('<file>', 'an MT103/MT910 FIN file, a camt.054/053 XML document or a bank CSV')
    .addOption(new Option('--format <format>', 'the file format; guessed from the content when absent').choices([...bankFileFormats]))
    .option('--profile <name>', 'CSV bank profile (default: generic)')
    .action(async (file: string, opts: { format?: BankFileFormat; profile?: string }) => {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (e) {
        process.stderr.write(`${file}: cannot read: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(2);
      }
      const format = opts.format ?? guessFormat(bytes.subarray(0, 4096).toString('latin1'));
      if (!format) {
        process.stderr.write(`${file}: cannot tell the format from the content; pass --format ${bankFileFormats.join('|')}\n`);
        process.exit(2);
      }
      const outcome = await bankConnectors[format].parse(bytes, { sourceName: file, ...(opts.profile ? { profile: opts.profile } : {}) });
      for (const r of outcome.remittances) process.stdout.write(`${JSON.stringify(r.remittance)}\n`);
      for (const issue of outcome.issues) process.stderr.write(`${describeIssue(issue, file)}\n`);
      if (outcome.skipped.length > 0) process.stderr.write(`${file}: ${outcome.skipped.length} entr${outcome.skipped.length === 1 ? 'y' : 'ies'} skipped (not credits to record): ${[...new Set(outcome.skipped.map((s) => s.reason))].join('; ')}\n`);
      process.exitCode = outcome.unusable ? 2 : outcome.issues.length > 0 ? 1 : 0;
    });
}
