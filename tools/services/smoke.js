#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Smoke check of the local broker with kafkajs (the hub's client):
 *   up -> create a 3-partition topic -> produce -> consume -> down -> up -> topic and message still there.
 * Prints timings (up cold/warm, down, restart), the broker's RSS, and leaves the broker RUNNING.
 *
 *   node tools/services/smoke.js            # uses the existing data dir
 *   node tools/services/smoke.js --purge    # first down --purge, so "cold up" includes formatting
 */
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const { spawnSync } = require('node:child_process');
const { randomUUID } = require('node:crypto');
const services = require('./index.js');

const TOPIC = 'ereceipt.services-smoke';
const quiet = () => {};

/** @param {number} pid */
function rssMiB(pid) {
  const r = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
  return r.status === 0 ? Math.round(Number.parseInt(r.stdout.trim(), 10) / 1024) : NaN;
}

/** @template T @param {() => Promise<T>} fn @returns {Promise<[T, number]>} */
async function timed(fn) {
  const t = process.hrtime.bigint();
  const value = await fn();
  return [value, Number(process.hrtime.bigint() - t) / 1e6];
}

function kafka() {
  const { Kafka, logLevel } = require('kafkajs');
  return new Kafka({ clientId: 'ereceipt-smoke', brokers: [services.constants.LOCAL_BROKERS], logLevel: logLevel.WARN });
}

/**
 * Reads the topic from the beginning with a fresh consumer group until `id` shows up.
 * @param {string} id @param {number} timeoutMs
 * @returns {Promise<{ partition: number, offset: string, ms: number }>}
 */
async function consumeUntil(id, timeoutMs = 30_000) {
  const consumer = kafka().consumer({ groupId: `smoke-${randomUUID()}` });
  const started = Date.now();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`message ${id} not consumed within ${timeoutMs} ms`)), timeoutMs);
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            if (message.value && message.value.toString() === id) {
              clearTimeout(timer);
              resolve({ partition, offset: message.offset, ms: Date.now() - started });
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

async function main() {
  const purge = process.argv.includes('--purge');
  /** @type {Record<string, string | number>} */
  const figures = {};

  if (purge || (await services.status({ print: false })).kafka.pid !== null) {
    const [d] = await timed(() => services.down({ purge, log: quiet }));
    console.log(`pre: down${purge ? ' --purge' : ''} -> ${d.state}`);
  }

  const [first, coldMs] = await timed(() => services.up({ postgres: false, log: quiet }));
  const pid = /** @type {number} */ (first.kafka && first.kafka.pid);
  figures[`up, cold${purge ? ' (fresh data: format + start)' : ' (existing data)'}`] = `${Math.round(coldMs)} ms`;
  const [, warmMs] = await timed(() => services.up({ postgres: false, log: quiet }));
  figures['up, warm (already running)'] = `${Math.round(warmMs)} ms`;
  figures['broker RSS right after start'] = `${rssMiB(pid)} MiB`;

  const admin = kafka().admin();
  await admin.connect();
  const created = await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
  const meta = await admin.fetchTopicMetadata({ topics: [TOPIC] });
  const partitions = meta.topics[0].partitions.length;
  console.log(`topic ${TOPIC}: ${created ? 'created' : 'already existed'}, ${partitions} partitions`);
  if (partitions !== 3) throw new Error(`expected 3 partitions, got ${partitions}`);

  const id = `smoke-${randomUUID()}`;
  const producer = kafka().producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const [sent, produceMs] = await timed(() => producer.send({ topic: TOPIC, acks: -1, messages: [{ key: 'k1', value: id }] }));
  await producer.disconnect();
  console.log(`produced ${id} -> partition ${sent[0].partition} offset ${sent[0].baseOffset} (${Math.round(produceMs)} ms, idempotent producer)`);
  const got = await consumeUntil(id);
  console.log(`consumed it back: partition ${got.partition} offset ${got.offset} (${got.ms} ms incl. group join)`);
  await admin.disconnect();
  figures['broker RSS after produce/consume'] = `${rssMiB(pid)} MiB`;

  const [down, downMs] = await timed(() => services.down({ log: quiet }));
  figures['down'] = `${Math.round(downMs)} ms (${down.state})`;

  const [again, restartMs] = await timed(() => services.up({ postgres: false, log: quiet }));
  figures['up, cold (restart on existing data)'] = `${Math.round(restartMs)} ms`;
  const admin2 = kafka().admin();
  await admin2.connect();
  const topics = await admin2.listTopics();
  const offsets = await admin2.fetchTopicOffsets(TOPIC);
  await admin2.disconnect();
  if (!topics.includes(TOPIC)) throw new Error(`topic ${TOPIC} is gone after the restart`);
  const total = offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  console.log(`after down + up: topic ${TOPIC} still there (${offsets.length} partitions, ${total} message(s) retained)`);
  const again2 = await consumeUntil(id);
  console.log(`consumed the same message again after the restart: partition ${again2.partition} offset ${again2.offset}`);
  figures['broker RSS after restart'] = `${rssMiB(/** @type {number} */ (again.kafka && again.kafka.pid))} MiB`;

  console.log('\nfigures:');
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(44)} ${v}`);
  console.log(`\nSMOKE OK; broker left running (pid ${again.kafka && again.kafka.pid}) at ${services.constants.LOCAL_BROKERS}`);
}

main().catch((error) => {
  console.error(`SMOKE FAILED: ${error instanceof Error ? error.stack || error.message : String(error)}`);
  process.exitCode = 1;
});
