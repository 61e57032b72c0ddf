/**
 * A real Apache Kafka 4.x broker for development and tests, without Docker: KRaft, one node acting
 * as broker and controller, run from the Maven Central jars that tools/kafka/pom.xml fetches.
 * Its settings are real files (tools/services/kafka/*.properties); only the lines that depend on
 * the instance (ports, data folder) are appended when the broker starts.
 *
 * An instance's folder (git-ignored; .local/kafka for the default one): data/ (log.dirs),
 * logs/server.log (log4j2) and logs/kafka.out (JVM stdout/stderr), server.properties, kafka.pid.
 * Several instances can run at once on different ports (the tests start a second one).
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { codeOf, commandLine, defaultLog, describeListener, diskUsage, hasCommand, isAlive, type Logger, messageOf, portOpen, repositoryRoot, sleep, tail } from './os';

const ROOT = repositoryRoot();
const CONFIG_DIR = join(ROOT, 'tools', 'services', 'kafka');
const POM = join(ROOT, 'tools', 'kafka', 'pom.xml');
/** Fixed cluster id: base64url of the 16 bytes "ereceipt-hub-dev" (22 characters). */
export const CLUSTER_ID = Buffer.from('ereceipt-hub-dev').toString('base64url');

export interface KafkaInstance {
  /** folder of this instance's data, logs, pid file and written server.properties */
  home: string;
  /** folder of the broker jars (shared: a second instance uses the default one's) */
  libsDir: string;
  host: string;
  port: number;
  controllerPort: number;
  /** JVM heap ceiling (-Xmx), at least 256m (the initial heap), e.g. "768m" */
  heap: string;
}

/** The instance `ereceipt services up` runs: .local/kafka, 127.0.0.1:9092 (controller 9093). */
export function localKafka(overrides: Partial<KafkaInstance> = {}): KafkaInstance {
  const home = join(ROOT, '.local', 'kafka');
  return { home, libsDir: join(home, 'libs'), host: '127.0.0.1', port: 9092, controllerPort: 9093, heap: '768m', ...overrides };
}

export const brokersOf = (k: KafkaInstance): string => `${k.host}:${k.port}`;

const files = (k: KafkaInstance) => {
  const logs = join(k.home, 'logs');
  return {
    data: join(k.home, 'data'),
    logs,
    serverLog: join(logs, 'server.log'),
    jvmOut: join(logs, 'kafka.out'),
    pid: join(k.home, 'kafka.pid'),
    lock: join(k.home, 'up.lock'),
    serverProperties: join(k.home, 'server.properties'),
  };
};

export interface KafkaUpResult {
  brokers: string;
  /** null when the broker is external */
  pid: number | null;
  /** external: a broker this instance did not start answers on its port (docker compose, another checkout); it is used as is */
  state: 'started' | 'already-running' | 'external';
  elapsedMs: number;
}

export interface KafkaDownResult {
  state: 'stopped' | 'killed' | 'not-running';
  pid: number | null;
  purged: boolean;
  elapsedMs: number;
}

export interface KafkaStatus {
  brokers: string;
  /** pid of the broker this instance started, when it is alive */
  pid: number | null;
  /** an admin client answered listTopics() at `brokers` */
  reachable: boolean;
  /** Kafka version of the jars, when the broker is ours */
  version: string | null;
  /** number of topics (internal ones included) when reachable */
  topics: number | null;
  dataDir: string;
  /** disk usage of dataDir */
  dataBytes: number;
}

function kafkaClient(brokers: string): Kafka {
  return new Kafka({
    clientId: 'ereceipt-services',
    brokers: brokers
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 0 },
  });
}

/** One admin round trip (connect + listTopics): the topic count, or null when nothing answers. */
export async function probeKafka(brokers: string): Promise<number | null> {
  const admin = kafkaClient(brokers).admin();
  try {
    await admin.connect();
    return (await admin.listTopics()).length;
  } catch {
    return null;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function kafkaJar(libsDir: string): string | null {
  try {
    return readdirSync(libsDir).find((name) => /^kafka_2\.\d+-.+\.jar$/.test(name)) ?? null;
  } catch {
    return null;
  }
}

/** Version of the broker jars, e.g. "4.1.1". */
export function kafkaVersion(libsDir: string): string | null {
  const jar = kafkaJar(libsDir);
  const match = jar ? /^kafka_2\.\d+-(.+)\.jar$/.exec(jar) : null;
  return match?.[1] ?? null;
}

const javaExecutable = (): string => (process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java');
const javaMissing = (error: unknown) => new Error(`Cannot run java (${messageOf(error)}). Kafka needs Java 17 or newer on PATH (or JAVA_HOME).`);

export function ensureJars(k: KafkaInstance, log: Logger): void {
  if (kafkaJar(k.libsDir)) return;
  if (!hasCommand('mvn')) {
    throw new Error(`The Kafka jars are missing in ${k.libsDir} and Maven (mvn) is not installed. Install Maven (apt-get install maven) and run "ereceipt services up" again.`);
  }
  log('Kafka: fetching the broker jars from Maven Central (first run only, ~10-60 s)...');
  const started = Date.now();
  const result = spawnSync('mvn', ['-q', '-B', '-f', POM, `-Dlibs.dir=${k.libsDir}`, 'dependency:copy-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0 || !kafkaJar(k.libsDir)) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
    throw new Error(`Fetching the Kafka jars failed (mvn -f ${relative(ROOT, POM)} dependency:copy-dependencies, exit ${result.status}):\n${output}`);
  }
  log(`Kafka: jars fetched in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** A .properties value: forward slashes, and what .properties treats specially escaped. */
export const propertyValue = (value: string): string =>
  value
    .split(sep)
    .join('/')
    .replace(/([\\:=#!])/g, '\\$1');

/** tools/services/kafka/server.properties followed by the lines of this instance (a later key wins). */
export function renderServerProperties(k: KafkaInstance, template = readFileSync(join(CONFIG_DIR, 'server.properties'), 'utf8')): string {
  const controller = `${k.host}:${k.controllerPort}`;
  const listeners = `PLAINTEXT://${k.host}:${k.port},CONTROLLER://${controller}`;
  return [
    template.trimEnd(),
    '',
    `# ---- this instance, appended by tools/services/src/kafka-local.ts on every start ----`,
    'node.id=1',
    `controller.quorum.bootstrap.servers=${propertyValue(controller)}`,
    `listeners=${propertyValue(listeners)}`,
    `advertised.listeners=${propertyValue(listeners)}`,
    `log.dirs=${propertyValue(files(k).data)}`,
    '',
  ].join('\n');
}

const log4jArgs = (k: KafkaInstance) => [`-Dlog4j2.configurationFile=${join(CONFIG_DIR, 'log4j2.properties')}`, `-Dkafka.logs.dir=${files(k).logs}`];

/** Formats the storage once (meta.properties present = formatted); true when it formatted now. */
function formatStorage(k: KafkaInstance): boolean {
  const f = files(k);
  if (existsSync(join(f.data, 'meta.properties'))) return false;
  const result = spawnSync(
    javaExecutable(),
    [...log4jArgs(k), '-cp', join(k.libsDir, '*'), 'kafka.tools.StorageTool', 'format', '--standalone', '--ignore-formatted', '-t', CLUSTER_ID, '-c', f.serverProperties],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (result.error) throw javaMissing(result.error);
  if (result.status !== 0) throw new Error(`Formatting the Kafka storage failed (exit ${result.status}):\n${`${result.stdout}${result.stderr}`.trim()}`);
  return true;
}

/** Alive and (where /proc tells) really this instance's broker: a java running kafka.Kafka on its server.properties. Guards against pid reuse. */
function isOurBroker(k: KafkaInstance, pid: number): boolean {
  if (!isAlive(pid)) return false;
  const cmdline = commandLine(pid);
  return cmdline === null || (cmdline.includes('kafka.Kafka') && cmdline.includes(files(k).serverProperties));
}

/** Pid of this instance's running broker, or null (a stale pid file is removed). */
export function livePid(k: KafkaInstance): number | null {
  const file = files(k).pid;
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
  } catch {
    return null;
  }
  if (Number.isInteger(pid) && pid > 0 && isOurBroker(k, pid)) return pid;
  rmSync(file, { force: true });
  return null;
}

/** Cross-process lock, so two `up` calls (two terminals, two test runs) do not start two brokers. */
async function withUpLock<T>(k: KafkaInstance, fn: () => Promise<T>, log: Logger): Promise<T> {
  const lock = files(k).lock;
  mkdirSync(k.home, { recursive: true });
  const deadline = Date.now() + 180_000;
  let told = false;
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lock, 'utf8') || '0', 10);
      if (!holder || !isAlive(holder) || holder === process.pid) {
        rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Another "services up" (pid ${holder}) holds ${lock}; giving up after 180 s.`);
      if (!told) log(`Kafka: waiting for another "services up" (pid ${holder}) to finish...`);
      told = true;
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

interface Exit {
  code: number | null;
  signal: string | null;
}

async function waitForBroker(k: KafkaInstance, pid: number, exitOf: () => Exit | null, timeoutMs: number, log: Logger): Promise<void> {
  const f = files(k);
  const deadline = Date.now() + timeoutMs;
  let nextNote = Date.now() + 15_000;
  for (;;) {
    const exit = exitOf();
    if (exit || !isAlive(pid)) {
      rmSync(f.pid, { force: true });
      const how = exit ? (exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`) : 'it is gone';
      throw new Error(
        `The Kafka broker (pid ${pid}) stopped during start-up (${how}).\n` +
          `--- ${f.jvmOut} (tail) ---\n${tail(f.jvmOut, 15)}\n--- ${f.serverLog} (tail) ---\n${tail(f.serverLog, 25)}`,
      );
    }
    if ((await probeKafka(brokersOf(k))) !== null) return;
    if (Date.now() > deadline) {
      throw new Error(
        `The Kafka broker (pid ${pid}) did not answer at ${brokersOf(k)} within ${Math.round(timeoutMs / 1000)} s; it is still running (stop it with "ereceipt services down").\n` +
          `--- ${f.serverLog} (tail) ---\n${tail(f.serverLog, 25)}`,
      );
    }
    if (Date.now() > nextNote) {
      log(`Kafka: still waiting for the broker (${Math.round((deadline - Date.now()) / 1000)} s left)...`);
      nextNote = Date.now() + 15_000;
    }
    await sleep(250);
  }
}

/** Starts the broker (fetching jars and formatting storage when needed), or finds it running. Idempotent. */
export async function upKafka(k: KafkaInstance = localKafka(), options: { timeoutMs?: number; log?: Logger } = {}): Promise<KafkaUpResult> {
  const log = options.log ?? defaultLog;
  const timeoutMs = options.timeoutMs ?? 90_000;
  const started = Date.now();
  const brokers = brokersOf(k);
  const f = files(k);

  const quick = livePid(k);
  if (quick !== null && (await probeKafka(brokers)) !== null) {
    log(`Kafka: already running (pid ${quick}) at ${brokers}; nothing changed.`);
    return { brokers, pid: quick, state: 'already-running', elapsedMs: Date.now() - started };
  }

  return withUpLock(
    k,
    async () => {
      const existing = livePid(k);
      if (existing !== null) {
        // Ours is alive: another process started it, or it is still starting.
        log(`Kafka: broker pid ${existing} is alive; waiting for it to answer at ${brokers}...`);
        await waitForBroker(k, existing, () => null, timeoutMs, log);
        return { brokers, pid: existing, state: 'already-running', elapsedMs: Date.now() - started };
      }

      if ((await portOpen(k.host, k.port)) && (await probeKafka(brokers)) !== null) {
        log(`Kafka: a broker this checkout did not start already answers at ${brokers}${describeListener(k.port)}; using it.`);
        return { brokers, pid: null, state: 'external', elapsedMs: Date.now() - started };
      }
      for (const port of [k.port, k.controllerPort]) {
        if (await portOpen(k.host, port)) {
          throw new Error(`Port ${k.host}:${port} is already in use by another process${describeListener(port)}, not by the broker that "ereceipt services up" runs (no live pid in ${f.pid}). Stop it first.`);
        }
      }

      ensureJars(k, log);
      mkdirSync(f.logs, { recursive: true });
      mkdirSync(f.data, { recursive: true });
      writeFileSync(f.serverProperties, renderServerProperties(k));
      if (formatStorage(k)) log(`Kafka: formatted new storage in ${f.data} (cluster id ${CLUSTER_ID})`);

      const out = openSync(f.jvmOut, 'a');
      writeSync(out, `\n---- ${new Date().toISOString()} starting kafka.Kafka ----\n`);
      const jvm = ['-Xms256m', `-Xmx${k.heap}`, '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:+ExitOnOutOfMemoryError', '-Djava.awt.headless=true'];
      const child = spawn(javaExecutable(), [...jvm, ...log4jArgs(k), '-cp', join(k.libsDir, '*'), 'kafka.Kafka', f.serverProperties], {
        cwd: ROOT,
        detached: true,
        stdio: ['ignore', out, out],
      });
      closeSync(out);
      let exit: Exit | null = null;
      let spawnError: Error | null = null;
      child.once('error', (error) => {
        spawnError = error;
      });
      child.once('exit', (code, signal) => {
        exit = { code, signal };
      });
      child.unref();
      await sleep(0); // let a spawn 'error' (java missing) surface
      if (spawnError) throw javaMissing(spawnError);
      const pid = child.pid;
      if (pid === undefined) throw javaMissing(new Error('no pid'));
      writeFileSync(f.pid, `${pid}\n`);
      log(`Kafka: started broker pid ${pid}; waiting for it to answer at ${brokers} (up to ${Math.round(timeoutMs / 1000)} s)...`);
      await waitForBroker(k, pid, () => exit, timeoutMs, log);
      const elapsedMs = Date.now() - started;
      log(`Kafka: ready at ${brokers} in ${(elapsedMs / 1000).toFixed(1)} s (logs: ${f.serverLog})`);
      return { brokers, pid, state: 'started', elapsedMs };
    },
    log,
  );
}

/** Stops the broker this instance started (SIGTERM, then SIGKILL after timeoutMs); never another one. */
export async function downKafka(k: KafkaInstance = localKafka(), options: { purge?: boolean; timeoutMs?: number; log?: Logger } = {}): Promise<KafkaDownResult> {
  const log = options.log ?? defaultLog;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const started = Date.now();
  const f = files(k);
  const pid = livePid(k);
  let state: KafkaDownResult['state'] = 'not-running';
  if (pid === null) {
    log('Kafka: not running (no live broker started by "services up").');
  } else {
    log(`Kafka: stopping broker pid ${pid}...`);
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + timeoutMs;
    while (isAlive(pid) && Date.now() < deadline) await sleep(100);
    if (isAlive(pid)) {
      log(`Kafka: WARNING broker pid ${pid} did not stop within ${Math.round(timeoutMs / 1000)} s; sending SIGKILL (the next start recovers its logs).`);
      process.kill(pid, 'SIGKILL');
      while (isAlive(pid)) await sleep(50);
      state = 'killed';
    } else {
      state = 'stopped';
    }
    rmSync(f.pid, { force: true });
    log(`Kafka: ${state} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  if (options.purge) {
    rmSync(f.data, { recursive: true, force: true });
    log(`Kafka: deleted ${f.data} (the next "up" formats a new cluster).`);
  }
  return { state, pid, purged: Boolean(options.purge), elapsedMs: Date.now() - started };
}

export async function kafkaStatus(k: KafkaInstance = localKafka()): Promise<KafkaStatus> {
  const pid = livePid(k);
  const topics = await probeKafka(brokersOf(k));
  const data = files(k).data;
  return {
    brokers: brokersOf(k),
    pid,
    reachable: topics !== null,
    version: pid !== null ? kafkaVersion(k.libsDir) : null,
    topics,
    dataDir: relative(ROOT, data).startsWith('..') ? data : relative(ROOT, data),
    dataBytes: diskUsage(data),
  };
}
