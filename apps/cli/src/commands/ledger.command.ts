import type { Command } from 'commander';
import { verifyLedger } from '@ereceipt/funds';
import { fromMinorUnits } from '@ereceipt/money';
import { withHubOrm } from '../hub-orm';

export function registerLedger(program: Command): void {
  program
    .command('ledger')
    .description('the funds ledger')
    .command('verify')
    .description('recompute every balance from the entries and check the invariants; exit 1 naming the offending entries')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withHubOrm(async (orm) => {
        const report = await verifyLedger(orm.em.fork());
        if (opts.json) {
          const balances = report.balances.map((b) => ({ ...b, balance: fromMinorUnits(b.balance, b.currency) }));
          process.stdout.write(`${JSON.stringify({ entries: report.entries, lines: report.lines, balances, violations: report.violations })}\n`);
        } else {
          process.stdout.write(`ledger: ${report.entries} entries, ${report.lines} lines, ${report.balances.length} accounts\n`);
          for (const v of report.violations) process.stdout.write(`${v.check}${v.entryIds.length ? ` [entries ${v.entryIds.join(', ')}]` : ''}: ${v.message}\n`);
          process.stdout.write(report.violations.length === 0 ? 'ok: every entry balanced, no negative bucket, withdrawn <= credited per order, stored balances match\n' : `FAILED: ${report.violations.length} violation(s)\n`);
        }
        if (report.violations.length > 0) process.exitCode = 1;
      });
    });
}
