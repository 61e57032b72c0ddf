import type { Command } from 'commander';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '@ereceipt/config';
import { ensureDatabase, MIGRATIONS_TS_DIR, ormOptions } from '@ereceipt/persistence';
import { hubEntities } from '@app/hub/entities';

export function registerMigrate(program: Command): void {
  const migrate = program.command('migrate').description('apply the database migrations (creates the database if missing)');
  migrate.action(async () => {
    const config = loadConfig();
    await ensureDatabase(config.databaseUrl, (m) => console.log(m));
    const orm = await MikroORM.init(ormOptions(config, hubEntities));
    try {
      const applied = await orm.getMigrator().up();
      console.log(applied.length ? `applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}` : 'database is up to date');
    } finally {
      await orm.close();
    }
  });
  migrate
    .command('create')
    .description('(developers) generate a migration from the entity changes into libs/persistence/src/migrations')
    .option('--blank', 'an empty migration to fill by hand')
    .action(async (opts: { blank?: boolean }) => {
      const config = loadConfig();
      await ensureDatabase(config.databaseUrl, (m) => console.log(m));
      const orm = await MikroORM.init(ormOptions(config, hubEntities));
      try {
        await orm.getMigrator().up();
        const result = await orm.getMigrator().createMigration(MIGRATIONS_TS_DIR, Boolean(opts.blank));
        console.log(result.fileName ? `created ${result.fileName}` : 'no changes: the schema matches the entities');
      } finally {
        await orm.close();
      }
    });
}
