import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brokersOf, downKafka, type KafkaInstance, kafkaStatus, localKafka, probeKafka, upKafka } from './kafka-local';
import { freePort, isAlive, silent } from './os';

/**
 * Start, status and stop of the local broker on a second instance (own ports, own folder), so the
 * broker everybody's tests use is never stopped. The jars are the default instance's (fetched once).
 */
describe('local Kafka broker: up, status, down (a second instance)', () => {
  let instance: KafkaInstance;
  let home: string;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'ereceipt-kafka-'));
    instance = localKafka({ home, port: await freePort(), controllerPort: await freePort(), heap: '256m' });
  });

  afterAll(async () => {
    await downKafka(instance, { log: silent, timeoutMs: 10_000 });
    rmSync(home, { recursive: true, force: true });
  });

  it('reports a broker that is not started as down', async () => {
    const status = await kafkaStatus(instance);
    expect(status).toMatchObject({ brokers: brokersOf(instance), pid: null, reachable: false, version: null, topics: null });
    await expect(downKafka(instance, { log: silent })).resolves.toMatchObject({ state: 'not-running', pid: null });
  });

  it('starts it, finds it running on a second up, reports it, and stops it', async () => {
    const lines: string[] = [];
    const started = await upKafka(instance, { log: (m) => lines.push(m), timeoutMs: 150_000 });
    expect(started).toMatchObject({ brokers: brokersOf(instance), state: 'started' });
    expect(started.pid).toEqual(expect.any(Number));
    expect(lines.join('\n')).toContain('formatted new storage');

    const again = await upKafka(instance, { log: silent });
    expect(again).toMatchObject({ state: 'already-running', pid: started.pid });

    const status = await kafkaStatus(instance);
    expect(status).toMatchObject({ pid: started.pid, reachable: true });
    expect(status.version).toMatch(/^4\.\d+\.\d+/);
    expect(status.dataBytes).toBeGreaterThan(0);

    const stopped = await downKafka(instance, { log: silent });
    expect(stopped).toMatchObject({ state: 'stopped', pid: started.pid, purged: false });
    expect(isAlive(started.pid!)).toBe(false);
    expect(await probeKafka(brokersOf(instance))).toBeNull();
    expect(await kafkaStatus(instance)).toMatchObject({ pid: null, reachable: false });
  }, 240_000);

  it('refuses to start when another process holds its port, and names the port', async () => {
    const squatter: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => squatter.listen(instance.port, instance.host, resolve));
    try {
      await expect(upKafka(instance, { log: silent })).rejects.toThrow(`Port ${instance.host}:${instance.port} is already in use by another process`);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
