import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { FundsLedgerSource, ReconciliationReports, type ReportFormat, reportFilter, reportFormats, renderReport } from '@ereceipt/reports';
import { withHubOrm } from '../hub-orm';

interface ReportOptions {
  from: string;
  to: string;
  format: ReportFormat;
  out?: string;
  seller?: string;
  currency?: string;
  bank?: string;
}

/** `ereceipt report reconciliation`: the same report as `GET /reports/reconciliation`, read straight from the database. */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('reports')
    .command('reconciliation')
    .description('the reconciliation report of a period (JSON on stdout unless --out; definitions in libs/reports/README.md)')
    .requiredOption('--from <day>', 'first day received, YYYY-MM-DD (UTC)')
    .requiredOption('--to <day>', 'last day received, YYYY-MM-DD (UTC), inclusive')
    .addOption(new Option('--format <format>', 'output format').choices([...reportFormats]).default('json'))
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--seller <id>', 'one seller')
    .option('--currency <code>', 'one currency')
    .option('--bank <bic>', 'sending bank BIC or its prefix')
    .action(async (opts: ReportOptions) => {
      await withHubOrm(async (orm) => {
        const filter = reportFilter({ from: opts.from, to: opts.to, sellerId: opts.seller ?? null, currency: opts.currency ?? null, bank: opts.bank ?? null }, null);
        const body = await renderReport(await new ReconciliationReports(orm, new FundsLedgerSource(orm)).build(filter), opts.format);
        if (opts.out) {
          writeFileSync(opts.out, body);
          process.stderr.write(`wrote ${opts.out} (${body.length} bytes)\n`);
        } else {
          if (opts.format === 'xlsx' && process.stdout.isTTY) throw new Error('--format xlsx is binary: pass --out FILE');
          process.stdout.write(body);
        }
      });
    });
}
