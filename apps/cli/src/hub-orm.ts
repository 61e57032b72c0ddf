import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '@ereceipt/config';
import { ormOptions } from '@ereceipt/persistence';
import { hubEntities } from '@app/hub/entities';

/** Runs `work` on the hub's database (configured from the environment) and closes the connection pool, whatever happens. */
export async function withHubOrm<T>(work: (orm: MikroORM) => Promise<T>): Promise<T> {
  const orm = await MikroORM.init(ormOptions(loadConfig(), hubEntities));
  try {
    return await work(orm);
  } finally {
    await orm.close();
  }
}
