import { type Command, Option } from 'commander';
import { roles, type Role, TokensService } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { withHubOrm } from '../hub-orm';

export function registerTokens(program: Command): void {
  program
    .command('tokens')
    .description('API tokens')
    .command('create')
    .description('print a new bearer token on stdout (only its hash is stored)')
    .addOption(new Option('--role <role>', 'the role the token carries').choices([...roles]).makeOptionMandatory())
    .option('--seller <id>', 'the seller a seller token is bound to')
    .option('--name <text>', 'a name to recognise the token by')
    .action(async (opts: { role: Role; seller?: string; name?: string }) => {
      await withHubOrm(async (orm) => {
        try {
          const { token } = await new TokensService(orm.em.fork()).create({ role: opts.role, sellerId: opts.seller ?? null, ...(opts.name ? { name: opts.name } : {}) });
          process.stdout.write(`${token}\n`);
        } catch (e) {
          // A wrong argument (no such seller, a seller token without --seller): say so, exit 2, nothing created.
          if (!(e instanceof DomainError)) throw e;
          process.stderr.write(`ereceipt tokens create: ${e.message} [${e.code}]\n`);
          process.exitCode = 2;
        }
      });
    });
}
