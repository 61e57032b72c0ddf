/**
 * The machine's own limits (issue #14): Kafka ProducerPerformance/ConsumerPerformance and pgbench, beside the hub.
 *
 * On the project's broker and PostgreSQL, in this run:
 * - Kafka's `ProducerPerformance` and `ConsumerPerformance` (org.apache.kafka:kafka-tools, which
 *   tools/kafka/pom.xml fetches), 1 KiB records, acks=all, idempotent, on a scratch topic with as
 *   many partitions as the hub's `bank.remittance.mt103`;
 * - `pgbench` on a fresh database with the hub's schema (migrated), with a script shaped like one
 *   remittance's writes (archive ~900 B + dedupe + remittance + outbox jsonb rows in one
 *   transaction) at 1, 4 and 8 clients, and a batched variant (`--wires` per transaction, one
 *   multi-row `INSERT ... SELECT` per table, 2 clients);
 * - the hub's figure (`--hub <msg/s>`, else `throughputPerSecond` of the last `mt103` run, saved
 *   in artifacts/bench/mt103-last.json) as a fraction of each limit and of the lower one.
 *
 * - the Node Kafka clients side by side (`--node-clients kafkajs,platformatic`, `--node-records`,
 *   `--node-rounds` interleaved): kafkajs (the hub's today) and @platformatic/kafka, producing like the
 *   outbox relay (idempotent, acks=all, one awaited send of 500 records at a time) and reading back with a
 *   fresh group; records/s and CPU microseconds per record of this process.
 *
 *   npm run bench -- limits [--records 300000] [--seconds 10] [--clients 1,4,8] [--wires 500] [--batched-clients 2] [--hub 158.6] [--skip kafka|pg|node]
 *                           [--node-clients kafkajs,platformatic] [--node-records 100000] [--node-rounds 2]
 *
 * BENCH_LIMITS_DATABASE names the scratch database (must contain "bench"; default ereceipt_limits_bench).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { inboundTopics } from '@ereceipt/contracts';
import { recreateDatabase, REPO_ROOT as ROOT } from '@ereceipt/testing';
import { BenchArgs } from './support/args';
import { type ClientFigures, measureClient, NODE_CLIENTS, type NodeClient } from './support/kafka-clients';
import { conditions, printJsonLine, printTable, round } from './support/report';
import { ensureServices } from './support/services';

const LIBS = join(ROOT, '.local', 'kafka', 'libs');
const LAST_MT103 = join(ROOT, 'artifacts', 'bench', 'mt103-last.json');

interface Options {
  records: number;
  seconds: number;
  clients: number[];
  wires: number;
  batchedClients: number;
  hub: number | null;
  skip: string | undefined;
  nodeClients: NodeClient[];
  nodeRecords: number;
  nodeRounds: number;
}

function readOptions(): Options {
  const args = new BenchArgs();
  args.rejectUnknown(['records', 'seconds', 'clients', 'wires', 'batched-clients', 'hub', 'skip', 'node-clients', 'node-records', 'node-rounds']);
  const nodeClients = (args.string('node-clients') ?? NODE_CLIENTS.join(',')).split(',') as NodeClient[];
  if (nodeClients.some((c) => !NODE_CLIENTS.includes(c))) throw new Error(`--node-clients takes some of ${NODE_CLIENTS.join(',')}`);
  const hubRaw = args.string('hub');
  const clients = (args.string('clients') ?? '1,4,8').split(',').map((c) => Number.parseInt(c, 10));
  if (clients.some((c) => !Number.isInteger(c) || c < 1)) throw new Error('--clients takes a comma-separated list of whole numbers');
  return {
    records: args.int('records', 300_000),
    seconds: args.int('seconds', 10),
    clients,
    wires: args.int('wires', 500),
    batchedClients: args.int('batched-clients', 2),
    hub: hubRaw === undefined ? lastHubFigure() : Number(hubRaw),
    skip: args.string('skip'),
    nodeClients,
    nodeRecords: args.int('node-records', 100_000),
    nodeRounds: args.int('node-rounds', 2),
  };
}

/** throughputPerSecond of the last `npm run bench -- mt103` in this checkout, if any. */
function lastHubFigure(): number | null {
  try {
    const v = (JSON.parse(readFileSync(LAST_MT103, 'utf8')) as { throughputPerSecond?: unknown }).throughputPerSecond;
    return typeof v === 'number' ? v : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- Kafka

/** The classpath with kafka-tools; fetched by Maven (the same pom `ereceipt services up` uses) when missing. */
function kafkaToolsClasspath(): string {
  const hasTools = () => existsSync(LIBS) && readdirSync(LIBS).some((f) => /^kafka-tools-\d.*\.jar$/.test(f));
  if (!hasTools()) {
    process.stderr.write(`[limits] fetching kafka-tools with Maven into ${LIBS}...\n`);
    mkdirSync(LIBS, { recursive: true });
    const r = spawnSync('mvn', ['-q', '-B', '-f', join(ROOT, 'tools', 'kafka', 'pom.xml'), 'dependency:copy-dependencies', `-Dlibs.dir=${LIBS}`], { stdio: 'inherit' });
    if (r.status !== 0 || !hasTools()) throw new Error('could not fetch org.apache.kafka:kafka-tools (needs mvn and Maven Central, as for `ereceipt services up`)');
  }
  return `${LIBS}/*`;
}

function java(cp: string, mainClass: string, args: string[]): string {
  const r = spawnSync('java', ['-Xmx512m', '-cp', cp, mainClass, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${mainClass} failed (exit ${String(r.status)}): ${r.stderr.slice(-2000)}`);
  return r.stdout;
}

interface KafkaLimits {
  partitions: number;
  producer: { recordsPerSecond: number; mbPerSecond: number; p50Ms: number; p99Ms: number };
  consumer: { recordsPerSecond: number; mbPerSecond: number };
}

async function kafkaLimits(brokers: string, records: number): Promise<KafkaLimits> {
  const cp = kafkaToolsClasspath();
  const kafka = new Kafka({ clientId: 'ereceipt-bench-limits', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topic = `bench.limits.${Date.now().toString(36)}`;
  try {
    const meta = await admin.fetchTopicMetadata({ topics: [inboundTopics.bankMt103] }).catch(() => null);
    const partitions = meta?.topics[0]?.partitions.length ?? 3;
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: partitions, replicationFactor: -1 }] });
    process.stderr.write(`[limits] ProducerPerformance: ${records} records of 1 KiB on ${partitions} partitions...\n`);
    const produced = java(cp, 'org.apache.kafka.tools.ProducerPerformance', [
      '--topic', topic, '--num-records', String(records), '--record-size', '1024', '--throughput', '-1',
      '--producer-props', `bootstrap.servers=${brokers}`, 'acks=all', 'enable.idempotence=true', 'linger.ms=5', 'batch.size=65536',
    ]);
    // "N records sent, X records/sec (Y MB/sec), A ms avg latency, M ms max latency, P50 ms 50th, P95 ms 95th, P99 ms 99th, ..."
    const last = produced.trim().split('\n').filter((l) => l.includes('records sent')).pop() ?? '';
    const p = /([\d.]+) records\/sec \(([\d.]+) MB\/sec\).*?(\d+) ms 50th.*?(\d+) ms 99th/.exec(last);
    if (!p) throw new Error(`unexpected ProducerPerformance output: ${produced.slice(-500)}`);
    process.stderr.write(`[limits] ConsumerPerformance: ${records} records...\n`);
    const consumed = java(cp, 'org.apache.kafka.tools.ConsumerPerformance', [
      '--bootstrap-server', brokers, '--topic', topic, '--messages', String(records), '--group', `${topic}.group`, '--timeout', '60000',
    ]);
    // CSV: start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, ...
    const row = consumed.trim().split('\n').pop()?.split(',').map((s) => s.trim()) ?? [];
    const c = { mbPerSecond: Number(row[3]), recordsPerSecond: Number(row[5]) };
    if (!Number.isFinite(c.recordsPerSecond)) throw new Error(`unexpected ConsumerPerformance output: ${consumed.slice(-500)}`);
    return {
      partitions,
      producer: { recordsPerSecond: Number(p[1]), mbPerSecond: Number(p[2]), p50Ms: Number(p[3]), p99Ms: Number(p[4]) },
      consumer: c,
    };
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.deleteGroups([`${topic}.group`]).catch(() => undefined);
    await admin.disconnect();
  }
}

/** Each Node client on a topic of its own (the partitions of bank.remittance.mt103), interleaved over `rounds`. */
async function nodeClientFigures(brokers: string, o: Options): Promise<ClientFigures[]> {
  const kafka = new Kafka({ clientId: 'ereceipt-bench-limits', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const out: ClientFigures[] = [];
  try {
    const meta = await admin.fetchTopicMetadata({ topics: [inboundTopics.bankMt103] }).catch(() => null);
    const partitions = meta?.topics[0]?.partitions.length ?? 3;
    for (let round = 1; round <= o.nodeRounds; round++) {
      for (const client of o.nodeClients) {
        const topic = `bench.clients.${client}.${Date.now().toString(36)}`;
        await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: partitions, replicationFactor: -1 }] });
        process.stderr.write(`[limits] ${client} (round ${round}): ${o.nodeRecords} records of 1 KiB on ${partitions} partitions...\n`);
        try {
          out.push(await measureClient(client, brokers.split(','), topic, o.nodeRecords, 500));
        } finally {
          await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
        }
      }
    }
  } finally {
    await admin.disconnect();
  }
  return out;
}

// ---------------------------------------------------------------- PostgreSQL

/** ~900 bytes of incompressible-ish text, like an MT103. */
const PAYLOAD = `convert_to(repeat(md5(random()::text), 28), 'UTF8')`;
const RAW = `repeat(md5(random()::text), 20)`;
const EVENT = `jsonb_build_object('id', gen_random_uuid(), 'amount', '1234.56', 'currency', 'EUR', 'valueDate', '2026-12-07', 'payerName', 'ACME TRADING GMBH', 'remittanceInfo', repeat(md5(random()::text), 12))`;

/** One wire per transaction: archive, dedupe, remittance, outbox (the hub's writes for one MT103). */
const ONE_WIRE = `\\set k random(1, 1000000000000)
BEGIN;
INSERT INTO inbound_message (channel, topic, partition, "offset", key, headers, value, sha256, size, received_at, status)
  VALUES ('kafka', 'bench.limits', :client_id, nextval('limits_offset'), 'bench-seller-1', '{}', ${PAYLOAD}, md5(:k::text) || md5(:k::text), 896, now(), 'PROCESSED')
  ON CONFLICT (topic, partition, "offset") DO NOTHING RETURNING id AS mid \\gset
INSERT INTO processed_message (consumer, dedupe_key, inbound_message_id, processed_at) VALUES ('limits', 'sha256:' || md5(random()::text), :mid, now()) ON CONFLICT DO NOTHING;
INSERT INTO remittance (id, source, message_ref, uetr, end_to_end_id, value_date, currency, amount, charges_deducted, payer_address, "references", possible_duplicate, fingerprint, status, received_at, inbound_message_id, channel, source_index, source_line, raw, payer_name, remittance_info)
  VALUES (gen_random_uuid(), 'mt103', 'REF' || :k, gen_random_uuid(), 'E2E' || :k, '2026-12-07', 'EUR', 1234.56, '[]', '{}', '[]', false, md5(random()::text), 'PENDING_ASSOCIATION', now(), :mid, 'kafka', 0, 1, ${RAW}, 'ACME TRADING GMBH', 'ORDER 123')
  ON CONFLICT DO NOTHING;
INSERT INTO outbox_event (id, kind, topic, key, type, subject, headers, payload, created_at, status, attempts)
  VALUES (gen_random_uuid(), 'event', 'bench.limits.out', :k::text, 'ereceipt.remittance.received.v1', :k::text, '{}', ${EVENT}, now(), 'PENDING', 0);
END;
`;

/** `wires` wires per transaction, one multi-row INSERT ... SELECT per table (what a batched hot path does). */
function batchedScript(wires: number): string {
  return `BEGIN;
CREATE TEMP TABLE IF NOT EXISTS w (mid bigint, k bigint) ON COMMIT DELETE ROWS;
WITH m AS (
  INSERT INTO inbound_message (channel, topic, partition, "offset", key, headers, value, sha256, size, received_at, status)
  SELECT 'kafka', 'bench.limits', :client_id, nextval('limits_offset'), 'bench-seller-1', '{}', ${PAYLOAD}, md5(random()::text) || md5(random()::text), 896, now(), 'PROCESSED'
    FROM generate_series(1, ${wires})
  ON CONFLICT (topic, partition, "offset") DO NOTHING RETURNING id)
INSERT INTO w SELECT id, (random() * 1e12)::bigint FROM m;
INSERT INTO processed_message (consumer, dedupe_key, inbound_message_id, processed_at) SELECT 'limits', 'sha256:' || md5(random()::text), mid, now() FROM w ON CONFLICT DO NOTHING;
INSERT INTO remittance (id, source, message_ref, uetr, end_to_end_id, value_date, currency, amount, charges_deducted, payer_address, "references", possible_duplicate, fingerprint, status, received_at, inbound_message_id, channel, source_index, source_line, raw, payer_name, remittance_info)
  SELECT gen_random_uuid(), 'mt103', 'REF' || k, gen_random_uuid(), 'E2E' || k, '2026-12-07', 'EUR', 1234.56, '[]', '{}', '[]', false, md5(random()::text), 'PENDING_ASSOCIATION', now(), mid, 'kafka', 0, 1, ${RAW}, 'ACME TRADING GMBH', 'ORDER 123' FROM w
  ON CONFLICT DO NOTHING;
INSERT INTO outbox_event (id, kind, topic, key, type, subject, headers, payload, created_at, status, attempts)
  SELECT gen_random_uuid(), 'event', 'bench.limits.out', k::text, 'ereceipt.remittance.received.v1', k::text, '{}', ${EVENT}, now(), 'PENDING', 0 FROM w;
END;
`;
}

function pgbenchPath(): string {
  const r = spawnSync('pgbench', ['--version'], { encoding: 'utf8' });
  if (r.status === 0) return 'pgbench';
  throw new Error(
    'pgbench is not installed. On Debian/Ubuntu it comes with the PostgreSQL client: `apt-get install -y postgresql-client` ' +
      '(older releases: `postgresql-contrib`); check with `apt-cache search pgbench` and use the major version of the server.',
  );
}

interface PgbenchRun {
  clients: number;
  wiresPerTransaction: number;
  tps: number;
  wiresPerSecond: number;
  latencyMs: number;
}

function pgbench(bin: string, url: string, script: string, clients: number, seconds: number, wires: number): PgbenchRun {
  const out = execFileSync(bin, ['-n', '-f', script, '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), url], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? Number.NaN);
  const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1] ?? Number.NaN);
  if (!Number.isFinite(tps)) throw new Error(`unexpected pgbench output: ${out.slice(-800)}`);
  return { clients, wiresPerTransaction: wires, tps: round(tps, 1), wiresPerSecond: round(tps * wires, 0), latencyMs };
}

async function pgLimits(serverUrl: string, o: Options): Promise<PgbenchRun[]> {
  const bin = pgbenchPath();
  const name = process.env.BENCH_LIMITS_DATABASE ?? 'ereceipt_limits_bench';
  process.stderr.write(`[limits] fresh database ${name} with the hub's schema...\n`);
  const url = await recreateDatabase(serverUrl, name, 'bench');
  execFileSync('psql', [url, '-q', '-c', 'create sequence limits_offset'], { stdio: 'pipe' });
  const dir = join(tmpdir(), 'ereceipt-bench');
  mkdirSync(dir, { recursive: true });
  const one = join(dir, 'limits-one-wire.sql');
  const batched = join(dir, `limits-${o.wires}-wires.sql`);
  writeFileSync(one, ONE_WIRE);
  writeFileSync(batched, batchedScript(o.wires));
  const runs: PgbenchRun[] = [];
  for (const c of o.clients) {
    process.stderr.write(`[limits] pgbench, one wire per transaction, ${c} client(s), ${o.seconds} s...\n`);
    runs.push(pgbench(bin, url, one, c, o.seconds, 1));
  }
  process.stderr.write(`[limits] pgbench, ${o.wires} wires per transaction, ${o.batchedClients} client(s), ${o.seconds} s...\n`);
  runs.push(pgbench(bin, url, batched, o.batchedClients, o.seconds, o.wires));
  return runs;
}

// ---------------------------------------------------------------- report

async function main(): Promise<void> {
  const o = readOptions();
  const before = conditions();
  const services = await ensureServices();
  const k = o.skip === 'kafka' ? null : await kafkaLimits(services.kafkaBrokers, o.records);
  const pg = o.skip === 'pg' ? [] : await pgLimits(services.databaseUrl, o);
  const clients = o.skip === 'node' || o.skip === 'kafka' ? [] : await nodeClientFigures(services.kafkaBrokers, o);

  const kafkaLimit = k ? Math.min(k.producer.recordsPerSecond, k.consumer.recordsPerSecond) : Number.NaN;
  const oneWire = pg.filter((r) => r.wiresPerTransaction === 1);
  const onePerTx = oneWire.length ? Math.max(...oneWire.map((r) => r.wiresPerSecond)) : Number.NaN;
  const batched = pg.find((r) => r.wiresPerTransaction > 1)?.wiresPerSecond ?? Number.NaN;
  const lower = Math.min(...[kafkaLimit, batched].filter(Number.isFinite));
  const frac = (limit: number) => (o.hub !== null && Number.isFinite(limit) ? `${round((100 * o.hub) / limit, 1)} %` : '-');

  const rows: Array<Array<string | number>> = [['limit', 'per second', 'hub as a fraction']];
  if (k) {
    rows.push([`Kafka ProducerPerformance, 1 KiB, acks=all, idempotent, ${k.partitions} partitions (records)`, k.producer.recordsPerSecond, frac(k.producer.recordsPerSecond)]);
    rows.push([`  its latency p50 / p99, ms`, `${k.producer.p50Ms} / ${k.producer.p99Ms}`, '']);
    rows.push(['Kafka ConsumerPerformance, same topic (records)', k.consumer.recordsPerSecond, frac(k.consumer.recordsPerSecond)]);
  }
  for (const r of pg) {
    const what = r.wiresPerTransaction === 1 ? `pgbench, one wire per transaction, ${r.clients} client(s) (wires)` : `pgbench, ${r.wiresPerTransaction} wires per transaction, ${r.clients} client(s) (wires)`;
    rows.push([what, r.wiresPerSecond, frac(r.wiresPerSecond)]);
  }
  rows.push(['lower of Kafka and batched PostgreSQL', lower, frac(lower)]);
  rows.push(['hub (mt103 end to end, msg/s)', o.hub ?? '-', o.hub === null ? 'run `npm run bench -- mt103` or pass --hub' : '']);
  printTable('Limits of this machine (same run) and the hub beside them', rows);
  if (clients.length > 0) {
    printTable('Node Kafka clients (relay-shaped produce: idempotent, acks=all, awaited sends of 500; consume with a fresh group)', [
      ['client', 'produce rec/s', 'produce CPU us/rec', 'send p50 / p99 ms', 'consume rec/s', 'consume CPU us/rec'],
      ...clients.map((c) => [c.client, c.producer.recordsPerSecond, c.producer.cpuMicrosPerRecord, `${c.producer.sendP50Ms} / ${c.producer.sendP99Ms}`, c.consumer.recordsPerSecond, c.consumer.cpuMicrosPerRecord]),
    ]);
  }

  printJsonLine({
    bench: 'limits',
    kafka: k,
    pgbench: pg,
    nodeClients: clients,
    limits: { kafkaRecordsPerSecond: kafkaLimit, pgOneWirePerTransaction: onePerTx, pgBatched: batched, lower },
    hub: o.hub === null ? null : { messagesPerSecond: o.hub, fractionOfLower: round(o.hub / lower, 4), fractionOfOneWirePerTransaction: round(o.hub / onePerTx, 4) },
    machine: before,
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`[limits] FAILED: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
