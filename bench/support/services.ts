import { join } from 'node:path';
import { REPO_ROOT as ROOT } from '@ereceipt/testing';

export interface BenchServices {
  kafkaBrokers: string;
  databaseUrl: string;
}

interface ServicesModule {
  ensureTestServices(options?: { log?: (message: string) => void }): Promise<BenchServices>;
}

function isServicesModule(m: unknown): m is ServicesModule {
  return typeof m === 'object' && m !== null && typeof (m as { ensureTestServices?: unknown }).ensureTestServices === 'function';
}

/** tools/services (plain JS, outside the TypeScript build): makes sure Kafka and PostgreSQL answer. */
export async function ensureServices(): Promise<BenchServices> {
  const loaded: unknown = await import(join(ROOT, 'tools', 'services', 'index.js'));
  const mod = isServicesModule(loaded) ? loaded : (loaded as { default?: unknown }).default;
  if (!isServicesModule(mod)) throw new Error('tools/services/index.js does not export ensureTestServices()');
  return mod.ensureTestServices({ log: (m) => process.stderr.write(`[services] ${m}\n`) });
}
