import { readFileSync, writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { parseMatchingRules, renderReplayText, ReplayMatching } from '@ereceipt/matching';
import { replayChangesToCsv } from '@ereceipt/reports';
import { withHubOrm } from '../hub-orm';

interface ReplayOptions {
  from: string;
  to: string;
  rules?: string;
  format: 'text' | 'json' | 'csv';
  out?: string;
}

/** `ereceipt matching replay`: a dry run of the engine over stored remittances (libs/matching/README.md "Replay"). */
export function registerMatching(program: Command): void {
  program
    .command('matching')
    .description('the matching engine')
    .command('replay')
    .description('re-run the engine, read-only, over the remittances received in a period, on the candidates as they stood when each was decided; print what would change, with precision and recall against what people decided')
    .requiredOption('--from <day>', 'first day received, YYYY-MM-DD (UTC)')
    .requiredOption('--to <day>', 'last day received, YYYY-MM-DD (UTC), inclusive')
    .option('--rules <file>', 'a rules file (JSON: version, chargeTolerance {percent, absolute}, names {threshold, tieMargin}); default: the rules in force')
    .addOption(new Option('--format <format>', 'text (figures and the first changes), json (everything) or csv (one row per change)').choices(['text', 'json', 'csv']).default('text'))
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (opts: ReplayOptions) => {
      const rules = opts.rules ? parseMatchingRules(readFileSync(opts.rules, 'utf8'), opts.rules) : null;
      await withHubOrm(async (orm) => {
        const started = Date.now();
        const progress = process.stderr.isTTY;
        let lastTenth = 0;
        const report = await new ReplayMatching(orm).execute({
          from: opts.from,
          to: opts.to,
          rules,
          onProgress: ({ done, total }) => {
            if (progress) process.stderr.write(`\rreplayed ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`);
            else if (total > 0 && Math.floor((10 * done) / total) > lastTenth) {
              lastTenth = Math.floor((10 * done) / total);
              process.stderr.write(`replayed ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
            }
          },
        });
        const seconds = (Date.now() - started) / 1000;
        process.stderr.write(`${progress ? '\n' : ''}replayed ${report.remittances.toLocaleString('en-US')} remittance(s) in ${seconds.toFixed(1)} s\n`);
        const body = opts.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : opts.format === 'csv' ? replayChangesToCsv(report) : renderReplayText(report);
        if (opts.out) {
          writeFileSync(opts.out, body);
          process.stderr.write(`wrote ${opts.out} (${body.length} bytes)\n`);
        } else {
          process.stdout.write(body);
        }
      });
    });
}
