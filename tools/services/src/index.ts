/**
 * Local services for development and tests, without Docker: `ereceipt services up|down|status`,
 * the jest global setup, `npm test`, the benches and the demo use this module (built into dist/).
 */
import { downKafka, type KafkaDownResult, kafkaStatus, type KafkaStatus, type KafkaUpResult, localKafka, upKafka } from './kafka-local';
import { defaultLog, humanBytes, type Logger } from './os';
import { DEFAULT_DATABASE_URL, ensureLocalDatabase, type LocalDatabase, postgresStatus, type PostgresStatus } from './postgres-local';

export * from './kafka-local';
export * from './postgres-local';
export * from './test-services';
export * from './private-broker';
export type { Logger } from './os';

export interface UpOptions {
  /** start/check the Kafka broker (default true) */
  kafka?: boolean;
  /** check PostgreSQL and create the database (default true) */
  postgres?: boolean;
  /** default: env DATABASE_URL, else postgres://postgres@127.0.0.1:5432/ereceipt_hub */
  databaseUrl?: string;
  /** how long to wait for the broker to answer (default 90 s) */
  timeoutMs?: number;
  log?: Logger;
}

export interface ServicesStatus {
  kafka: KafkaStatus;
  postgres: PostgresStatus;
  /** both answer */
  up: boolean;
}

const databaseUrlOf = (url?: string) => url ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;

/** Starts the local broker and checks PostgreSQL (starting a stopped local cluster, creating the database). Idempotent. */
export async function up(options: UpOptions = {}): Promise<{ kafka?: KafkaUpResult; postgres?: LocalDatabase }> {
  const log = options.log ?? defaultLog;
  const result: { kafka?: KafkaUpResult; postgres?: LocalDatabase } = {};
  if (options.kafka !== false) result.kafka = await upKafka(localKafka(), { log, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  if (options.postgres !== false) {
    const db = await ensureLocalDatabase(databaseUrlOf(options.databaseUrl), { log });
    if (!db.created) log(`PostgreSQL: ${db.serverVersion} answering; database "${db.database}" exists.`);
    result.postgres = db;
  }
  return result;
}

/** Stops the local broker this checkout started (never one it did not start). */
export async function down(options: { purge?: boolean; log?: Logger } = {}): Promise<KafkaDownResult> {
  return downKafka(localKafka(), options);
}

/** The state of both services; never throws for a service that is down. */
export async function status(options: { databaseUrl?: string } = {}): Promise<ServicesStatus> {
  const [kafka, postgres] = await Promise.all([kafkaStatus(localKafka()), postgresStatus(databaseUrlOf(options.databaseUrl))]);
  return { kafka, postgres, up: kafka.reachable && postgres.reachable };
}

/** The status as a small table, one line per service. */
export function formatStatus({ kafka, postgres }: ServicesStatus): string[] {
  const kafkaState = kafka.reachable ? (kafka.pid !== null ? 'up' : 'up (not started by us)') : kafka.pid !== null ? 'starting/unresponsive' : 'down';
  const rows = [
    ['service', 'state', 'details'],
    ['Kafka', kafkaState, `${kafka.brokers}  pid ${kafka.pid ?? '-'}  version ${kafka.version ?? '-'}  topics ${kafka.topics ?? '-'}  data ${kafka.dataDir} ${humanBytes(kafka.dataBytes)}`],
    [
      'PostgreSQL',
      postgres.reachable ? 'up' : 'down',
      postgres.reachable
        ? `${postgres.databaseUrl}  server ${postgres.serverVersion}  database "${postgres.database}" ${postgres.databaseExists ? 'exists' : 'MISSING (up creates it)'}`
        : `${postgres.databaseUrl}  ${postgres.error ?? ''}`,
    ],
  ];
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => `${(r[0] ?? '').padEnd(widths[0] ?? 0)}  ${(r[1] ?? '').padEnd(widths[1] ?? 0)}  ${r[2]}`);
}
