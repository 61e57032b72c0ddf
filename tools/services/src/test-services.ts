/**
 * The services the integration and end-to-end tiers run against, in this order (docs/conventions.md
 * "Services, and how they start"): the URLs in the environment (verified), else the local services
 * (started here when down), else Testcontainers when a Docker engine answers.
 */
import { spawnSync } from 'node:child_process';
import { databaseName, withDatabaseName } from '@ereceipt/persistence';
import { brokersOf, localKafka, probeKafka, upKafka } from './kafka-local';
import { freePort, type Logger, messageOf, silent } from './os';
import { DEFAULT_DATABASE_URL, ensureLocalDatabase } from './postgres-local';

export const TEST_DATABASE_NAME = 'ereceipt_hub_test';
const TESTCONTAINERS_KAFKA_IMAGE = 'apache/kafka:4.1.1';
const TESTCONTAINERS_POSTGRES_IMAGE = 'postgres:16';

type Source = 'env' | 'local' | 'testcontainers';

export interface TestServices {
  kafkaBrokers: string;
  databaseUrl: string;
  source: { kafka: Source; postgres: Source };
}

/** The URL's database replaced by ereceipt_hub_test, unless its name already contains "test". */
export function testDatabaseUrl(url: string): string {
  return databaseName(url).includes('test') ? url : withDatabaseName(url, TEST_DATABASE_NAME);
}

function dockerAnswers(): boolean {
  return spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

const startedContainers: Array<{ stop: () => Promise<unknown> }> = [];

/** Bootstrap servers of a new Kafka container. */
async function startKafkaContainer(): Promise<string> {
  // Loaded only here: testcontainers is a development dependency and brings a Docker client.
  const { GenericContainer, Wait } = await import('testcontainers');
  const port = await freePort();
  // The PLAINTEXT listener uses the same port number inside the container as it is published on,
  // so the advertised address is right before the container starts.
  const container = await new GenericContainer(TESTCONTAINERS_KAFKA_IMAGE)
    .withExposedPorts({ container: port, host: port })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      CLUSTER_ID: '4L6g3nShT-eMCtK--X86sw',
      KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${port},BROKER://0.0.0.0:9093,CONTROLLER://0.0.0.0:9094`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${port},BROKER://localhost:9093`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'BROKER',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9094',
      KAFKA_NUM_PARTITIONS: '3',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started|Transitioning from RECOVERY to RUNNING/))
    .withStartupTimeout(120_000)
    .start();
  startedContainers.push(container);
  return `127.0.0.1:${port}`;
}

async function startPostgresContainer(database: string): Promise<string> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(TESTCONTAINERS_POSTGRES_IMAGE)
    .withExposedPorts(5432)
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust', POSTGRES_DB: database })
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .withStartupTimeout(120_000)
    .start();
  startedContainers.push(container);
  return `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/${encodeURIComponent(database)}`;
}

/** Stops the containers ensureTestServices started (Ryuk reaps them anyway). */
export async function stopTestContainers(): Promise<void> {
  for (let c = startedContainers.pop(); c; c = startedContainers.pop()) await c.stop().catch(() => undefined);
}

async function testKafka(log: Logger): Promise<{ brokers: string; source: Source }> {
  const envBrokers = process.env.KAFKA_BROKERS;
  if (envBrokers) {
    if ((await probeKafka(envBrokers)) === null) {
      throw new Error(`KAFKA_BROKERS=${envBrokers} is set but no Kafka broker answers there. Start it, or unset KAFKA_BROKERS to use the local broker ("ereceipt services up").`);
    }
    return { brokers: envBrokers, source: 'env' };
  }
  const local = localKafka();
  try {
    // Anything answering at 127.0.0.1:9092 will do (ours, another checkout's, docker compose's); else start ours.
    if ((await probeKafka(brokersOf(local))) === null) await upKafka(local, { log });
    return { brokers: brokersOf(local), source: 'local' };
  } catch (localError) {
    if (!dockerAnswers()) {
      throw new Error(`No Kafka for the tests: KAFKA_BROKERS is not set, the local broker could not start, and no Docker engine answers.\nLocal broker: ${messageOf(localError)}`);
    }
    log(`Kafka: local broker unavailable (${messageOf(localError).split('\n')[0]}); starting ${TESTCONTAINERS_KAFKA_IMAGE} with Testcontainers...`);
    return { brokers: await startKafkaContainer(), source: 'testcontainers' };
  }
}

async function testPostgres(log: Logger): Promise<{ url: string; source: Source }> {
  const envUrl = process.env.DATABASE_URL;
  if (envUrl) {
    const url = testDatabaseUrl(envUrl);
    try {
      await ensureLocalDatabase(url, { log, startServer: false });
    } catch (error) {
      throw new Error(`DATABASE_URL is set but the test database is not usable: ${messageOf(error)}`);
    }
    return { url, source: 'env' };
  }
  const localUrl = testDatabaseUrl(DEFAULT_DATABASE_URL);
  try {
    await ensureLocalDatabase(localUrl, { log });
    return { url: localUrl, source: 'local' };
  } catch (localError) {
    if (!dockerAnswers()) {
      throw new Error(`No PostgreSQL for the tests: DATABASE_URL is not set, the local server is not usable, and no Docker engine answers.\nLocal server: ${messageOf(localError)}`);
    }
    log(`PostgreSQL: local server unavailable (${messageOf(localError)}); starting ${TESTCONTAINERS_POSTGRES_IMAGE} with Testcontainers...`);
    const url = await startPostgresContainer(TEST_DATABASE_NAME);
    await ensureLocalDatabase(url, { log: silent, startServer: false });
    return { url, source: 'testcontainers' };
  }
}

/**
 * Makes sure Kafka and the PostgreSQL test database are there and sets process.env.KAFKA_BROKERS
 * and DATABASE_URL (the test database) for the processes started after it.
 * Default log: stderr, silent unless something is started.
 */
export async function ensureTestServices(options: { log?: Logger } = {}): Promise<TestServices> {
  const log = options.log ?? ((m: string) => process.stderr.write(`[services] ${m}\n`));
  const kafka = await testKafka(log);
  const postgres = await testPostgres(log);
  process.env.KAFKA_BROKERS = kafka.brokers;
  process.env.DATABASE_URL = postgres.url;
  return { kafkaBrokers: kafka.brokers, databaseUrl: postgres.url, source: { kafka: kafka.source, postgres: postgres.source } };
}
