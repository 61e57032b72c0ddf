import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { ensureJars, localKafka, probeKafka } from './kafka-local';
import type { Logger } from './os';

const CLUSTER_ID = Buffer.from('ereceipt-private!').toString('base64url').slice(0, 22);

export interface PrivateBroker {
  brokers: string;
  readonly pid: number | null;
  /** Starts (or restarts) the broker and waits until it answers. */
  start(timeoutMs?: number): Promise<void>;
  /** Stops it (SIGTERM: a clean shutdown; SIGKILL: a crash) and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * A broker of one's own, for tests that stop Kafka (issues 16, 22): the same KRaft combined node as
 * `ereceipt services up`, from the same jars, on ports and a data directory given by the caller, so
 * the shared broker is never touched. It is a child of the test process (stop it in `afterAll`);
 * `start()` after `stop()` brings it back on the same ports and data.
 */
export function privateBroker(options: { port: number; controllerPort: number; dir: string; log?: Logger }): PrivateBroker {
  const { port, controllerPort, dir } = options;
  const log: Logger = options.log ?? (() => undefined);
  const brokers = `127.0.0.1:${port}`;
  const properties = join(dir, 'server.properties');
  const log4j = join(dir, 'log4j2.properties');
  const shared = localKafka();
  const classpath = join(shared.libsDir, '*');
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const posix = (p: string) => p.split(sep).join('/');
  let child: ChildProcess | null = null;

  function prepare(): void {
    ensureJars(shared, log);
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(
      properties,
      [
        'process.roles=broker,controller',
        'node.id=1',
        `controller.quorum.bootstrap.servers=127.0.0.1:${controllerPort}`,
        `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
        `advertised.listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
        'controller.listener.names=CONTROLLER',
        'inter.broker.listener.name=PLAINTEXT',
        'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
        `log.dirs=${posix(join(dir, 'data'))}`,
        'num.partitions=3',
        'offsets.topic.replication.factor=1',
        'offsets.topic.num.partitions=3',
        'transaction.state.log.replication.factor=1',
        'transaction.state.log.min.isr=1',
        'transaction.state.log.num.partitions=3',
        'share.coordinator.state.topic.replication.factor=1',
        'share.coordinator.state.topic.min.isr=1',
        'group.initial.rebalance.delay.ms=0',
        'auto.create.topics.enable=false',
        '',
      ].join('\n'),
    );
    writeFileSync(
      log4j,
      `status = warn\nappender.file.type = File\nappender.file.name = file\nappender.file.fileName = ${posix(join(dir, 'server.log'))}\nappender.file.layout.type = PatternLayout\nappender.file.layout.pattern = [%d] %p %m (%c)%n\nrootLogger.level = WARN\nrootLogger.appenderRef.file.ref = file\n`,
    );
    if (!existsSync(join(dir, 'data', 'meta.properties'))) {
      const r = spawnSync(java, [`-Dlog4j2.configurationFile=${log4j}`, '-cp', classpath, 'kafka.tools.StorageTool', 'format', '--standalone', '--ignore-formatted', '-t', CLUSTER_ID, '-c', properties], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`formatting the private broker's storage failed: ${r.stdout}${r.stderr}`);
    }
  }

  return {
    brokers,
    get pid() {
      return child?.pid ?? null;
    },
    async start(timeoutMs = 90_000) {
      if (!existsSync(properties)) prepare();
      const out = openSync(join(dir, 'jvm.out'), 'a');
      const started = spawn(java, ['-Xms128m', '-Xmx384m', '-XX:+UseG1GC', `-Dlog4j2.configurationFile=${log4j}`, '-cp', classpath, 'kafka.Kafka', properties], { stdio: ['ignore', out, out] });
      child = started;
      closeSync(out);
      const until = Date.now() + timeoutMs;
      while ((await probeKafka(brokers)) === null) {
        if (started.exitCode !== null) throw new Error(`the private broker exited with ${started.exitCode}; see ${dir}/jvm.out`);
        if (Date.now() > until) throw new Error(`the private broker did not answer at ${brokers} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((resolve) => c.once('exit', resolve));
      c.kill(signal);
      const timer = setTimeout(() => c.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
