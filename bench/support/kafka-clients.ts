import { performance } from 'node:perf_hooks';
import { Kafka, logLevel } from 'kafkajs';
import { Consumer as PlatformaticConsumer, MessagesStreamModes, Producer as PlatformaticProducer } from '@platformatic/kafka';
import { round, summarize } from './report';

/**
 * Node Kafka clients side by side (issue #14): each produces `records` 1 KiB records the way the
 * outbox relay does (idempotent, acks=all, one awaited send of `batch` records at a time) on a topic
 * of its own, then a fresh group reads them all back from the beginning. Throughput and the process's CPU per record
 * (the steadier figure on a shared machine).
 */
export interface ClientFigures {
  client: string;
  producer: { recordsPerSecond: number; cpuMicrosPerRecord: number; sendP50Ms: number; sendP99Ms: number };
  consumer: { recordsPerSecond: number; cpuMicrosPerRecord: number };
}

export const NODE_CLIENTS = ['kafkajs', 'platformatic'] as const;
export type NodeClient = (typeof NODE_CLIENTS)[number];

const VALUE = Buffer.alloc(1024, 'x');
const cpuMicros = (u: NodeJS.CpuUsage) => u.user + u.system;

async function timedProduce(records: number, batch: number, send: (messages: Array<{ key: string; value: Buffer }>) => Promise<void>) {
  const sends: number[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let from = 0; from < records; from += batch) {
    const messages = Array.from({ length: Math.min(batch, records - from) }, (_, j) => ({ key: `k${(from + j) % 64}`, value: VALUE }));
    const s = performance.now();
    await send(messages);
    sends.push(performance.now() - s);
  }
  const seconds = (performance.now() - t0) / 1000;
  const lat = summarize(sends);
  return { recordsPerSecond: round(records / seconds, 0), cpuMicrosPerRecord: round(cpuMicros(process.cpuUsage(cpu0)) / records, 1), sendP50Ms: lat.p50Ms, sendP99Ms: lat.p99Ms };
}

function consumed(records: number, t0: number, cpu0: NodeJS.CpuUsage) {
  const seconds = (performance.now() - t0) / 1000;
  return { recordsPerSecond: round(records / seconds, 0), cpuMicrosPerRecord: round(cpuMicros(process.cpuUsage(cpu0)) / records, 1) };
}

export async function measureClient(client: NodeClient, brokers: string[], topic: string, records: number, batch: number): Promise<ClientFigures> {
  const group = `${topic}.${client}.${Date.now().toString(36)}`;
  if (client === 'kafkajs') {
    const kafka = new Kafka({ clientId: 'ereceipt-bench-clients', brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const producerFigures = await timedProduce(records, batch, async (messages) => {
      await producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages }] });
    });
    await producer.disconnect();
    const consumer = kafka.consumer({ groupId: group, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let seen = 0;
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch: b }) => {
          seen += b.messages.length;
          if (seen >= records) resolve();
        },
      });
    });
    await done;
    const consumerFigures = consumed(records, t0, cpu0);
    await consumer.disconnect();
    return { client, producer: producerFigures, consumer: consumerFigures };
  }
  const producer = new PlatformaticProducer({ clientId: 'ereceipt-bench-clients', bootstrapBrokers: brokers, idempotent: true, acks: -1 });
  const producerFigures = await timedProduce(records, batch, async (messages) => {
    await producer.send({ messages: messages.map((m) => ({ topic, key: Buffer.from(m.key), value: m.value })) });
  });
  await producer.close();
  const consumer = new PlatformaticConsumer({ clientId: 'ereceipt-bench-clients', groupId: group, bootstrapBrokers: brokers, maxWaitTime: 100 });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const stream = await consumer.consume({ topics: [topic], mode: MessagesStreamModes.EARLIEST, autocommit: false });
  let seen = 0;
  for await (const message of stream) {
    void message;
    if (++seen >= records) break;
  }
  const consumerFigures = consumed(records, t0, cpu0);
  await stream.close();
  await consumer.close();
  return { client, producer: producerFigures, consumer: consumerFigures };
}
