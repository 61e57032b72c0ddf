import { type Command, Option } from 'commander';
import { roles, type Role, TokensService } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { withHubOrm } from '../hub-orm';

const when = (d: Date | null) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : '-');

export function registerTokens(program: Command): void {
  const tokens = program.command('tokens').description('machine tokens for connectors and ERPs (people sign in with `ereceipt users`)');
  tokens
    .command('create')
    .description('print a new bearer token on stdout (only its hash is stored)')
    .addOption(new Option('--role <role>', 'the role the token carries').choices([...roles]).makeOptionMandatory())
    .option('--seller <id>', 'the seller a seller token is bound to')
    .option('--name <text>', 'a name to recognise the token by')
    .option('--owner <who>', 'the person answerable for the token (an e-mail); a token acts as its owner for four eyes')
    .option('--expires-in-days <n>', 'the token stops working after this many days', (v) => Number(v))
    .action(async (opts: { role: Role; seller?: string; name?: string; owner?: string; expiresInDays?: number }) => {
      await withHubOrm(async (orm) => {
        try {
          const { token } = await new TokensService(orm.em.fork()).create({ role: opts.role, sellerId: opts.seller ?? null, ...(opts.name ? { name: opts.name } : {}), owner: opts.owner ?? null, expiresInDays: opts.expiresInDays ?? null });
          process.stdout.write(`${token}\n`);
        } catch (e) {
          // A wrong argument (no such seller, a seller token without --seller): say so, exit 2, nothing created.
          if (!(e instanceof DomainError)) throw e;
          process.stderr.write(`ereceipt tokens create: ${e.message} [${e.code}]\n`);
          process.exitCode = 2;
        }
      });
    });
  tokens
    .command('list')
    .description('every token: id, name, role, seller, owner, created, expires, last used, state (never the token itself)')
    .option('--json', 'JSON lines instead of a table')
    .action(async (opts: { json?: boolean }) => {
      await withHubOrm(async (orm) => {
        const rows = await new TokensService(orm.em.fork()).list();
        if (opts.json) {
          for (const r of rows) process.stdout.write(`${JSON.stringify(r)}\n`);
          return;
        }
        const table = [['ID', 'NAME', 'ROLE', 'SELLER', 'OWNER', 'CREATED', 'EXPIRES', 'LAST USED', 'STATE'], ...rows.map((r) => [r.id, r.name, r.role, r.sellerId ?? '-', r.owner ?? '-', when(r.createdAt), when(r.expiresAt), when(r.lastUsedAt), r.state])];
        const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
        for (const row of table) process.stdout.write(`${row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()}\n`);
      });
    });
  tokens
    .command('revoke')
    .description('revoke a token by id (or its first 8 characters): every later call with it is refused (401)')
    .argument('<id>')
    .action(async (id: string) => {
      await withHubOrm(async (orm) => {
        const revoked = await new TokensService(orm.em.fork()).revoke(id);
        process.stdout.write(`revoked ${revoked.id} (${revoked.name})\n`);
      });
    });
}
