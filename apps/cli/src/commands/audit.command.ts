import type { Command } from 'commander';
import { verifyAuditChains } from '@ereceipt/matching';
import { withHubOrm } from '../hub-orm';

/** `ereceipt audit verify`: walks the association audit's hash chains (one per seller); exit 1 naming a broken link. */
export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('the association audit (append-only, one hash chain per seller)')
    .command('verify')
    .description('recompute every hash of every chain (or one seller\'s); exit 1 naming the first broken row of each broken chain')
    .option('--seller <id>', 'one seller\'s chain')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { seller?: string; json?: boolean }) => {
      await withHubOrm(async (orm) => {
        const verdicts = await verifyAuditChains(orm.em.fork(), opts.seller ?? null);
        const broken = verdicts.filter((v) => !v.verdict.ok);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ chains: verdicts.length, broken: broken.length, verdicts })}\n`);
        } else {
          const rows = verdicts.reduce((n, v) => n + (v.verdict.ok ? v.verdict.rows : 0), 0);
          for (const { chain, verdict } of broken) {
            if (!verdict.ok) process.stdout.write(`seller ${chain}: ${verdict.problem === 'HASH' ? 'row content does not hash to its stored hash' : 'row does not point at the previous row\'s hash'} at seq ${verdict.seq}\n`);
          }
          process.stdout.write(broken.length === 0 ? `ok: ${verdicts.length} chain(s), ${rows} row(s), every hash recomputed\n` : `FAILED: ${broken.length} of ${verdicts.length} chain(s) broken\n`);
        }
        if (broken.length > 0) process.exitCode = 1;
      });
    });
}
