import { randomUUID } from 'node:crypto';
import { type Consumer, Kafka, logLevel, type Producer } from 'kafkajs';
import { allTopics, inboundTopics } from '@ereceipt/contracts';
import { KafkaAdapter } from '@ereceipt/messaging';

export interface TappedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  value: Buffer;
  json<T = Record<string, unknown>>(): T;
}

function brokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
}

export function kafka(): Kafka {
  return new Kafka({ clientId: 'e2e-tests', brokers: brokers(), logLevel: logLevel.NOTHING });
}

/** Reads outbound topics as a downstream consumer would, from their current end (set at start). */
export class KafkaTap {
  readonly messages: TappedMessage[] = [];
  private consumer: Consumer | null = null;

  async start(topics: string[]): Promise<this> {
    // On a fresh broker (auto-create off) the topics exist only once a hub created them.
    await new KafkaAdapter({ brokers: brokers(), clientId: 'e2e-tests' }).ensureTopics(allTopics(), 3);
    const k = kafka();
    const ends = await retryWhileLeadersSettle(async () => {
      const admin = k.admin();
      await admin.connect();
      try {
        const found = new Map<string, Array<{ partition: number; high: string }>>();
        for (const t of topics) found.set(t, await admin.fetchTopicOffsets(t));
        return found;
      } finally {
        await admin.disconnect();
      }
    });
    this.consumer = k.consumer({ groupId: `e2e-tap-${randomUUID()}`, sessionTimeout: 6000, heartbeatInterval: 1000 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    // Read from the beginning and keep only what came after start(): no seek, which races the
    // group's initialisation on a slow start ("Consumer group was not initialized").
    const startAt = new Map<string, bigint>();
    for (const [topic, parts] of ends) for (const p of parts) startAt.set(`${topic}/${p.partition}`, BigInt(p.high));
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        if (BigInt(message.offset) < (startAt.get(`${topic}/${partition}`) ?? 0n)) return;
        this.messages.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([h, v]) => [h, String(Array.isArray(v) ? v[0] : v)])),
          value: message.value ?? Buffer.alloc(0),
          json<T>() {
            return JSON.parse((message.value ?? Buffer.alloc(0)).toString()) as T;
          },
        });
      },
    });
    return this;
  }

  on(topic: string): TappedMessage[] {
    return this.messages.filter((m) => m.topic === topic);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

/** Topics created a moment ago (perhaps by a parallel suite) may not have partition leaders yet. */
async function retryWhileLeadersSettle<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      const retriable = (e as { retriable?: boolean }).retriable === true || /leader|does not host|UNKNOWN_TOPIC/i.test(String((e as Error).message));
      if (!retriable || attempt >= 30) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

export async function producer(): Promise<Producer> {
  const p = kafka().producer();
  await p.connect();
  return p;
}

/**
 * Commits offsets at the current end of every inbound topic for `groupId`, so a hub started with
 * that (new) group consumes only what the test sends: the hub subscribes from the beginning, and
 * the shared broker may hold a long backlog from other suites and benchmarks.
 */
export async function groupAtTheEnd(groupId: string): Promise<void> {
  const admin = kafka().admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    for (const topic of Object.values(inboundTopics).filter((t) => existing.has(t))) {
      // Explicit offsets: kafkajs' resetOffsets writes a "latest" marker that a consumer subscribing fromBeginning reads as "none".
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({ groupId, topic, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
    }
  } finally {
    await admin.disconnect();
  }
}
