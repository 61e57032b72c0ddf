import { join } from 'node:path';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { HubConfig } from '@ereceipt/config';

/** Compiled output lives in dist/, sources in libs/; migrations are read from whichever runs. */
const compiled = __filename.endsWith('.js');
export const MIGRATIONS_TS_DIR = join(__dirname, 'migrations').replace(`${join('dist', 'libs')}`, 'libs');

export function ormOptions(config: Pick<HubConfig, 'databaseUrl' | 'dbPoolMax'>, entities: Options['entities']): Options {
  return defineConfig({
    clientUrl: config.databaseUrl,
    entities,
    discovery: { warnWhenNoEntities: true },
    extensions: [Migrator],
    pool: { min: 0, max: config.dbPoolMax },
    // numeric -> string, date -> 'YYYY-MM-DD' string: money and value dates stay exact.
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: false,
    // Tables with no entity, written only by SQL (libs/reports' aggregates, kept by triggers and a
    // job): `ereceipt migrate create` must not propose to drop them.
    schemaGenerator: { skipTables: ['report_dirty', 'report_fact', 'report_aggregate'] },
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: compiled ? join(__dirname, 'migrations') : MIGRATIONS_TS_DIR,
      pathTs: MIGRATIONS_TS_DIR,
      glob: compiled ? '!(*.d).js' : '!(*.d).ts',
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
      // No snapshot file: `migrate` would rewrite it on every run. `migrate create` diffs the entities
      // against a database it has first brought up to date.
      snapshot: false,
    },
  });
}
