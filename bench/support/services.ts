import { ensureTestServices } from '@tools/services';

export interface BenchServices {
  kafkaBrokers: string;
  databaseUrl: string;
}

/** Makes sure Kafka and PostgreSQL answer (tools/services, as for the tests). */
export async function ensureServices(): Promise<BenchServices> {
  const { kafkaBrokers, databaseUrl } = await ensureTestServices({ log: (m) => process.stderr.write(`[services] ${m}\n`) });
  return { kafkaBrokers, databaseUrl };
}
