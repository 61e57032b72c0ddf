import { type Command, Option } from 'commander';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '@ereceipt/config';
import { roles, type Role, TokensService } from '@ereceipt/auth';
import { ormOptions } from '@ereceipt/persistence';
import { hubEntities } from '@app/hub/entities';

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
      const orm = await MikroORM.init(ormOptions(loadConfig(), hubEntities));
      try {
        const { token } = await new TokensService(orm.em.fork()).create({ role: opts.role, sellerId: opts.seller ?? null, ...(opts.name ? { name: opts.name } : {}) });
        process.stdout.write(`${token}\n`);
      } finally {
        await orm.close();
      }
    });
}
