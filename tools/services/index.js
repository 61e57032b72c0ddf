// @ts-check
'use strict';
/**
 * Local services for development and tests, without Docker:
 * - a real Apache Kafka 4.x broker (KRaft, combined broker+controller, one node) run from the
 *   Maven Central jars that `tools/kafka/pom.xml` fetches into `.local/kafka/libs`;
 * - a check (and, on a Debian-style machine, a start) of the local PostgreSQL, plus CREATE DATABASE.
 *
 * Plain CommonJS on purpose: this runs before anything is built (test global setup,
 * `node tools/services/cli.js`, later `ereceipt services`). Only Node built-ins at load time;
 * kafkajs and pg are required lazily, testcontainers only when a Docker engine is used.
 *
 * Layout (all git-ignored under `.local/kafka`): libs/ (jars), data/ (log.dirs), logs/server.log
 * (log4j2) and logs/kafka.out (JVM stdout/stderr), server.properties, log4j2.properties, kafka.pid.
 */

const fs = require('node:fs');
const path = require('node:path');
const net = require('node:net');
const { spawn, spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const KAFKA_HOME = path.join(ROOT, '.local', 'kafka');
const LIBS_DIR = path.join(KAFKA_HOME, 'libs');
const DATA_DIR = path.join(KAFKA_HOME, 'data');
const LOGS_DIR = path.join(KAFKA_HOME, 'logs');
const SERVER_LOG = path.join(LOGS_DIR, 'server.log');
const JVM_OUT = path.join(LOGS_DIR, 'kafka.out');
const PID_FILE = path.join(KAFKA_HOME, 'kafka.pid');
const LOCK_FILE = path.join(KAFKA_HOME, 'up.lock');
const SERVER_PROPERTIES = path.join(KAFKA_HOME, 'server.properties');
const LOG4J2_PROPERTIES = path.join(KAFKA_HOME, 'log4j2.properties');
const POM = path.join(ROOT, 'tools', 'kafka', 'pom.xml');

const KAFKA_HOST = '127.0.0.1';
const KAFKA_PORT = 9092;
const CONTROLLER_PORT = 9093;
const LOCAL_BROKERS = `${KAFKA_HOST}:${KAFKA_PORT}`;
/** Fixed cluster id: base64url of the 16 bytes "ereceipt-hub-dev" (22 characters). */
const CLUSTER_ID = Buffer.from('ereceipt-hub-dev').toString('base64url');

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ereceipt_hub';
const TEST_DATABASE_NAME = 'ereceipt_hub_test';
const TESTCONTAINERS_KAFKA_IMAGE = 'apache/kafka:4.1.1';
const TESTCONTAINERS_POSTGRES_IMAGE = 'postgres:16';

const JVM_OPTIONS = ['-Xms256m', '-Xmx768m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:+ExitOnOutOfMemoryError', '-Djava.awt.headless=true'];

/**
 * @typedef {(message: string) => void} Logger
 *
 * @typedef {object} UpOptions
 * @property {boolean} [kafka]      start/check the Kafka broker (default true)
 * @property {boolean} [postgres]   check PostgreSQL and create the database (default true)
 * @property {string} [databaseUrl] default: env DATABASE_URL, else postgres://postgres@127.0.0.1:5432/ereceipt_hub
 * @property {number} [timeoutMs]   how long to wait for the broker to answer (default 90000)
 * @property {Logger} [log]         progress lines (default console.log; pass () => {} for silence)
 *
 * @typedef {object} KafkaUpResult
 * @property {string} brokers          "127.0.0.1:9092"
 * @property {number | null} pid      null when the broker is external
 * @property {'started' | 'already-running' | 'external'} state  external: a broker this checkout did not start answers on the port (docker compose, another checkout); it is used as is
 * @property {number} elapsedMs
 *
 * @typedef {object} DatabaseResult
 * @property {string} databaseUrl
 * @property {string} database
 * @property {boolean} created        true when this call ran CREATE DATABASE
 * @property {boolean} serverStarted  true when this call started the PostgreSQL cluster
 * @property {string} serverVersion   e.g. "15.14"
 *
 * @typedef {object} UpResult
 * @property {KafkaUpResult} [kafka]
 * @property {DatabaseResult} [postgres]
 *
 * @typedef {object} DownOptions
 * @property {boolean} [purge]     also delete .local/kafka/data (the next `up` formats a new cluster)
 * @property {number} [timeoutMs]  wait for a clean exit before SIGKILL (default 30000)
 * @property {Logger} [log]
 *
 * @typedef {object} DownResult
 * @property {'stopped' | 'killed' | 'not-running'} state
 * @property {number | null} pid
 * @property {boolean} purged
 * @property {number} elapsedMs
 *
 * @typedef {object} KafkaStatus
 * @property {string} brokers
 * @property {number | null} pid       pid of the broker started by `up` (null when none is alive)
 * @property {boolean} reachable       an admin client answered listTopics() at `brokers`
 * @property {string | null} version   Kafka version of the jars (the broker we run), when ours
 * @property {number | null} topics    number of topics (internal ones included) when reachable
 * @property {string} dataDir
 * @property {number} dataBytes        disk usage of dataDir (allocated blocks, like du)
 *
 * @typedef {object} PostgresStatus
 * @property {string} databaseUrl      password masked
 * @property {string} database
 * @property {boolean} reachable
 * @property {string | null} serverVersion
 * @property {boolean | null} databaseExists
 * @property {string} [error]
 *
 * @typedef {object} StatusResult
 * @property {KafkaStatus} kafka
 * @property {PostgresStatus} postgres
 *
 * @typedef {object} TestServices
 * @property {string} kafkaBrokers
 * @property {string} databaseUrl
 * @property {undefined} [smtp]   tests run their own in-process SMTP server
 * @property {{ kafka: 'env' | 'local' | 'testcontainers', postgres: 'env' | 'local' | 'testcontainers' }} source
 */

/** @type {Logger} */
const defaultLog = (message) => console.log(message);

// ---------------------------------------------------------------------------------------------
// small helpers

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {unknown} error */
function messageOf(error) {
  if (error instanceof Error) {
    // AggregateError (e.g. ECONNREFUSED on ::1 and 127.0.0.1) carries the detail in .errors
    const inner = /** @type {any} */ (error).errors;
    if (!error.message && Array.isArray(inner) && inner.length > 0) return messageOf(inner[0]);
    return error.message || String(/** @type {any} */ (error).code || error.name);
  }
  return String(error);
}

/** @param {unknown} error */
function codeOf(error) {
  const e = /** @type {any} */ (error);
  if (!e) return undefined;
  if (e.code) return String(e.code);
  if (Array.isArray(e.errors) && e.errors[0] && e.errors[0].code) return String(e.errors[0].code);
  return undefined;
}

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return codeOf(error) === 'EPERM';
  }
}

/**
 * True when `pid` is alive and (where /proc exists) really is our broker: a java process whose
 * command line runs kafka.Kafka on our server.properties. Guards against pid reuse.
 * @param {number} pid
 */
function isOurBroker(pid) {
  if (!isAlive(pid)) return false;
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.includes('kafka.Kafka') && cmdline.includes(SERVER_PROPERTIES);
  } catch {
    return true; // no /proc (macOS): trust the pid file
  }
}

/** @returns {number | null} */
function readPid() {
  try {
    const pid = Number.parseInt(fs.readFileSync(PID_FILE, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Pid of our running broker, or null; removes a stale pid file. */
function livePid() {
  const pid = readPid();
  if (pid === null) return null;
  if (isOurBroker(pid)) return pid;
  fs.rmSync(PID_FILE, { force: true });
  return null;
}

/**
 * @param {string} host
 * @param {number} port
 * @param {number} [timeoutMs]
 * @returns {Promise<boolean>}
 */
function portOpen(host, port, timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (/** @type {boolean} */ open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Who listens on a TCP port, from `ss` when available ("" otherwise). @param {number} port */
function describeListener(port) {
  const result = spawnSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
  if (result.status !== 0 || !result.stdout) return '';
  const users = /users:\(\((.*?)\)\)/.exec(result.stdout);
  return users ? ` (${users[1]})` : '';
}

/** @param {string} file @param {number} lines */
function tail(file, lines) {
  try {
    const text = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    return text.slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Disk usage in bytes (allocated blocks, so sparse index files count as little as they use). @param {string} dir */
function diskUsage(dir) {
  let total = 0;
  /** @param {string} p */
  const walk = (p) => {
    let st;
    try {
      st = fs.lstatSync(p);
    } catch {
      return;
    }
    total += process.platform === 'win32' ? st.size : st.blocks * 512;
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) walk(path.join(p, name));
  };
  walk(dir);
  return total;
}

/** @param {number} bytes */
function humanBytes(bytes) {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** @param {string} command */
function hasCommand(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function javaExecutable() {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

function kafkaJar() {
  try {
    return fs.readdirSync(LIBS_DIR).find((name) => /^kafka_2\.\d+-.+\.jar$/.test(name)) || null;
  } catch {
    return null;
  }
}

/** Version of the broker jars we run, e.g. "4.1.1". */
function kafkaVersion() {
  const jar = kafkaJar();
  const match = jar && /^kafka_2\.\d+-(.+)\.jar$/.exec(jar);
  return match ? match[1] : null;
}

/** @param {string} url */
function maskUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

// ---------------------------------------------------------------------------------------------
// Kafka

/** @param {string} brokers */
function kafkaClient(brokers) {
  const { Kafka, logLevel } = require('kafkajs');
  return new Kafka({
    clientId: 'ereceipt-services',
    brokers: brokers.split(',').map((b) => b.trim()).filter(Boolean),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 0 },
  });
}

/**
 * One admin round trip: connect + listTopics(). Resolves to the topic count, or null.
 * @param {string} brokers
 * @returns {Promise<number | null>}
 */
async function probeKafka(brokers) {
  const admin = kafkaClient(brokers).admin();
  try {
    await admin.connect();
    const topics = await admin.listTopics();
    return topics.length;
  } catch {
    return null;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/** @param {Logger} log */
function ensureJars(log) {
  if (kafkaJar()) return;
  if (!hasCommand('mvn')) {
    throw new Error(`The Kafka jars are missing in ${LIBS_DIR} and Maven (mvn) is not installed. Install Maven (apt-get install maven) and run "ereceipt services up" again.`);
  }
  log('Kafka: fetching the broker jars from Maven Central (first run only, ~10-60 s)...');
  const started = Date.now();
  const result = spawnSync('mvn', ['-q', '-B', '-f', POM, 'dependency:copy-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0 || !kafkaJar()) {
    const output = `${result.stdout || ''}${result.stderr || ''}`.trim().split('\n').slice(-20).join('\n');
    throw new Error(`Fetching the Kafka jars failed (mvn -f ${path.relative(ROOT, POM)} dependency:copy-dependencies, exit ${result.status}):\n${output}`);
  }
  log(`Kafka: jars fetched in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Java property-file value: forward slashes, and escape what .properties treats specially. @param {string} p */
const propPath = (p) => p.split(path.sep).join('/').replace(/([\\:=#!])/g, '\\$1');

function writeConfig() {
  fs.mkdirSync(LOGS_DIR, { recursive: true });
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const server = `# Written by tools/services/index.js on every start; edit the generator, not this file.
# Single-node KRaft (combined broker + controller) for development and tests only.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=${KAFKA_HOST}:${CONTROLLER_PORT}
listeners=PLAINTEXT://${KAFKA_HOST}:${KAFKA_PORT},CONTROLLER://${KAFKA_HOST}:${CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://${KAFKA_HOST}:${KAFKA_PORT},CONTROLLER://${KAFKA_HOST}:${CONTROLLER_PORT}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${propPath(DATA_DIR)}

num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
delete.topic.enable=true

# A dev box: keep a day or two, at most 256 MiB per partition, small segments.
log.retention.hours=48
log.retention.bytes=268435456
log.segment.bytes=16777216
log.retention.check.interval.ms=60000
num.recovery.threads.per.data.dir=2
`;
  fs.writeFileSync(SERVER_PROPERTIES, server);

  const log4j = `# Written by tools/services/index.js. Broker log: ${SERVER_LOG}
status = warn
name = ereceipt-local-kafka

appender.file.type = RollingFile
appender.file.name = file
appender.file.fileName = ${propPath(SERVER_LOG)}
appender.file.filePattern = ${propPath(SERVER_LOG)}.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 20MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 3

rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file

# Quiet the chatty ones (config dumps, per-partition state changes, request logs).
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.statechange.name = state.change.logger
logger.statechange.level = WARN
logger.authorizer.name = kafka.authorizer.logger
logger.authorizer.level = WARN
logger.config.name = org.apache.kafka.common.config.AbstractConfig
logger.config.level = WARN
logger.kafkaconfig.name = kafka.server.KafkaConfig
logger.kafkaconfig.level = WARN
logger.appinfo.name = org.apache.kafka.common.utils.AppInfoParser
logger.appinfo.level = WARN
logger.logloader.name = org.apache.kafka.storage.internals.log.LogLoader
logger.logloader.level = WARN
logger.unifiedlog.name = kafka.log.UnifiedLog
logger.unifiedlog.level = WARN
logger.unifiedlog2.name = org.apache.kafka.storage.internals.log.UnifiedLog
logger.unifiedlog2.level = WARN
logger.partition.name = kafka.cluster.Partition
logger.partition.level = WARN
logger.logmanager.name = kafka.log.LogManager
logger.logmanager.level = WARN
logger.replicamanager.name = kafka.server.ReplicaManager
logger.replicamanager.level = WARN
logger.fetchermanager.name = kafka.server.ReplicaFetcherManager
logger.fetchermanager.level = WARN
logger.alterdirs.name = kafka.server.ReplicaAlterLogDirsManager
logger.alterdirs.level = WARN
logger.metadatapublisher.name = org.apache.kafka.image.publisher
logger.metadatapublisher.level = WARN
logger.coordruntime.name = org.apache.kafka.coordinator.common.runtime.CoordinatorRuntime
logger.coordruntime.level = WARN
logger.partitionchange.name = org.apache.kafka.controller.PartitionChangeBuilder
logger.partitionchange.level = WARN
logger.periodictask.name = org.apache.kafka.controller.PeriodicTaskControlManager
logger.periodictask.level = WARN
logger.purgatory.name = org.apache.kafka.server.purgatory.DelayedOperationPurgatory
logger.purgatory.level = WARN
logger.throttle.name = kafka.server.ClientQuotaManager
logger.throttle.level = WARN
`;
  fs.writeFileSync(LOG4J2_PROPERTIES, log4j);
}

function classpath() {
  return path.join(LIBS_DIR, '*');
}

/** Formats the storage once (meta.properties present = formatted). */
function formatStorage() {
  if (fs.existsSync(path.join(DATA_DIR, 'meta.properties'))) return false;
  const result = spawnSync(
    javaExecutable(),
    [`-Dlog4j2.configurationFile=${LOG4J2_PROPERTIES}`, '-cp', classpath(), 'kafka.tools.StorageTool', 'format', '--standalone', '--ignore-formatted', '-t', CLUSTER_ID, '-c', SERVER_PROPERTIES],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (result.error) throw new Error(`Cannot run java (${messageOf(result.error)}). Kafka needs Java 17 or newer on PATH (or JAVA_HOME).`);
  if (result.status !== 0) {
    throw new Error(`Formatting the Kafka storage failed (exit ${result.status}):\n${`${result.stdout}${result.stderr}`.trim()}`);
  }
  return true;
}

/**
 * Cross-process lock so two `up` calls (two terminals, two test runs) don't start two brokers.
 * @template T
 * @param {() => Promise<T>} fn
 * @param {Logger} log
 * @returns {Promise<T>}
 */
async function withUpLock(fn, log) {
  fs.mkdirSync(KAFKA_HOME, { recursive: true });
  const deadline = Date.now() + 180_000;
  let told = false;
  for (;;) {
    try {
      fs.writeFileSync(LOCK_FILE, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error;
      const holder = Number.parseInt(fs.readFileSync(LOCK_FILE, 'utf8') || '0', 10);
      if (!holder || !isAlive(holder) || holder === process.pid) {
        fs.rmSync(LOCK_FILE, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Another "services up" (pid ${holder}) holds ${LOCK_FILE}; giving up after 180 s.`);
      if (!told) log(`Kafka: waiting for another "services up" (pid ${holder}) to finish...`);
      told = true;
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK_FILE, { force: true });
  }
}

/**
 * Starts (or finds running) the local broker.
 * @param {{ timeoutMs?: number, log?: Logger }} [options]
 * @returns {Promise<KafkaUpResult>}
 */
async function upKafka(options = {}) {
  const log = options.log || defaultLog;
  const timeoutMs = options.timeoutMs ?? 90_000;
  const started = Date.now();

  const quick = livePid();
  if (quick !== null && (await probeKafka(LOCAL_BROKERS)) !== null) {
    log(`Kafka: already running (pid ${quick}) at ${LOCAL_BROKERS}; nothing changed.`);
    return { brokers: LOCAL_BROKERS, pid: quick, state: 'already-running', elapsedMs: Date.now() - started };
  }

  return withUpLock(async () => {
    const existing = livePid();
    if (existing !== null) {
      // Ours is alive: either it answers now (another process started it), or it is still starting.
      log(`Kafka: broker pid ${existing} is alive; waiting for it to answer at ${LOCAL_BROKERS}...`);
      await waitForBroker(existing, null, timeoutMs, log);
      return { brokers: LOCAL_BROKERS, pid: existing, state: 'already-running', elapsedMs: Date.now() - started };
    }

    for (const port of [KAFKA_PORT, CONTROLLER_PORT]) {
      if (await portOpen(KAFKA_HOST, port)) {
        const answers = port === KAFKA_PORT && (await probeKafka(LOCAL_BROKERS)) !== null;
        if (answers) {
          log(`Kafka: a broker this checkout did not start already answers at ${LOCAL_BROKERS}${describeListener(port)}; using it.`);
          return { brokers: LOCAL_BROKERS, pid: null, state: 'external', elapsedMs: Date.now() - started };
        }
        throw new Error(
          `Port ${KAFKA_HOST}:${port} is already in use by another process${describeListener(port)}, not by the broker that "ereceipt services up" runs (no live pid in ${path.relative(ROOT, PID_FILE)}).` +
            (answers ? ` A Kafka broker answers there (docker compose?): use it with KAFKA_BROKERS=${LOCAL_BROKERS}, or stop it first.` : ' Stop it first.'),
        );
      }
    }

    ensureJars(log);
    writeConfig();
    if (formatStorage()) log(`Kafka: formatted new storage in ${path.relative(ROOT, DATA_DIR)} (cluster id ${CLUSTER_ID})`);

    fs.mkdirSync(LOGS_DIR, { recursive: true });
    const out = fs.openSync(JVM_OUT, 'a');
    fs.writeSync(out, `\n---- ${new Date().toISOString()} starting kafka.Kafka ----\n`);
    const child = spawn(
      javaExecutable(),
      [...JVM_OPTIONS, `-Dlog4j2.configurationFile=${LOG4J2_PROPERTIES}`, `-Dkafka.logs.dir=${LOGS_DIR}`, '-cp', classpath(), 'kafka.Kafka', SERVER_PROPERTIES],
      { cwd: ROOT, detached: true, stdio: ['ignore', out, out] },
    );
    fs.closeSync(out);
    /** @type {{ code: number | null, signal: string | null, error?: Error } | null} */
    const exited = { code: null, signal: null };
    let hasExited = false;
    child.once('error', (error) => {
      hasExited = true;
      exited.error = error;
    });
    child.once('exit', (code, signal) => {
      hasExited = true;
      exited.code = code;
      exited.signal = signal;
    });
    child.unref();
    await sleep(0); // let a spawn 'error' (java missing) surface
    if (hasExited && exited.error) throw new Error(`Cannot run java (${messageOf(exited.error)}). Kafka needs Java 17 or newer on PATH (or JAVA_HOME).`);
    const pid = /** @type {number} */ (child.pid);
    fs.writeFileSync(PID_FILE, `${pid}\n`);
    log(`Kafka: started broker pid ${pid}; waiting for it to answer at ${LOCAL_BROKERS} (up to ${Math.round(timeoutMs / 1000)} s)...`);
    await waitForBroker(pid, () => (hasExited ? exited : null), timeoutMs, log);
    const elapsedMs = Date.now() - started;
    log(`Kafka: ready at ${LOCAL_BROKERS} in ${(elapsedMs / 1000).toFixed(1)} s (logs: ${path.relative(ROOT, SERVER_LOG)})`);
    return { brokers: LOCAL_BROKERS, pid, state: 'started', elapsedMs };
  }, log);
}

/**
 * @param {number} pid
 * @param {(() => { code: number | null, signal: string | null } | null) | null} exitOf
 * @param {number} timeoutMs
 * @param {Logger} log
 */
async function waitForBroker(pid, exitOf, timeoutMs, log) {
  const deadline = Date.now() + timeoutMs;
  let nextNote = Date.now() + 15_000;
  for (;;) {
    const exit = exitOf ? exitOf() : null;
    if (exit || !isAlive(pid)) {
      fs.rmSync(PID_FILE, { force: true });
      const how = exit ? (exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`) : 'it is gone';
      throw new Error(
        `The Kafka broker (pid ${pid}) stopped during start-up (${how}).\n` +
          `--- ${path.relative(ROOT, JVM_OUT)} (tail) ---\n${tail(JVM_OUT, 15)}\n--- ${path.relative(ROOT, SERVER_LOG)} (tail) ---\n${tail(SERVER_LOG, 25)}`,
      );
    }
    if ((await probeKafka(LOCAL_BROKERS)) !== null) return;
    if (Date.now() > deadline) {
      throw new Error(
        `The Kafka broker (pid ${pid}) did not answer at ${LOCAL_BROKERS} within ${Math.round(timeoutMs / 1000)} s; it is still running (stop it with "ereceipt services down").\n` +
          `--- ${path.relative(ROOT, SERVER_LOG)} (tail) ---\n${tail(SERVER_LOG, 25)}`,
      );
    }
    if (Date.now() > nextNote) {
      log(`Kafka: still waiting for the broker (${Math.round((deadline - Date.now()) / 1000)} s left)...`);
      nextNote = Date.now() + 15_000;
    }
    await sleep(250);
  }
}

/**
 * Stops the broker started by `up` (SIGTERM, then SIGKILL after timeoutMs).
 * @param {DownOptions} [options]
 * @returns {Promise<DownResult>}
 */
async function down(options = {}) {
  const log = options.log || defaultLog;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const started = Date.now();
  const pid = livePid();
  /** @type {DownResult['state']} */
  let state = 'not-running';
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
    fs.rmSync(PID_FILE, { force: true });
    log(`Kafka: ${state} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  let purged = false;
  if (options.purge) {
    fs.rmSync(DATA_DIR, { recursive: true, force: true });
    purged = true;
    log(`Kafka: deleted ${path.relative(ROOT, DATA_DIR)} (the next "up" formats a new cluster).`);
  }
  return { state, pid, purged, elapsedMs: Date.now() - started };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/** @param {string} url */
function databaseNameOf(url) {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error(`DATABASE_URL has no database name: ${maskUrl(url)}`);
  return name;
}

/** @param {string} url @param {string} database */
function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** @param {string} url */
function isLocalHost(url) {
  const host = new URL(url).hostname;
  return host === '' || host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1';
}

/** @param {string} url @returns {Promise<import('pg').Client>} */
async function connectPg(url) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
}

/** @param {unknown} error */
const isRefused = (error) => ['ECONNREFUSED', 'ENOENT', '57P03'].includes(codeOf(error) || '');

/** Starts the stopped local clusters with pg_ctlcluster (Debian/Ubuntu); true when one was started now. @param {Logger} log */
function startLocalPostgres(log) {
  if (!hasCommand('pg_ctlcluster')) return false;
  let versions = [];
  try {
    versions = fs.readdirSync('/etc/postgresql');
  } catch {
    return false;
  }
  let any = false;
  for (const version of versions) {
    const result = spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { encoding: 'utf8' });
    if (result.status === 0) {
      any = true;
      log(`PostgreSQL: connection refused, so started the local cluster ${version}/main (pg_ctlcluster).`);
    }
    else if (!/already running/i.test(`${result.stderr}${result.stdout}`)) log(`PostgreSQL: pg_ctlcluster ${version} main start failed: ${`${result.stderr}${result.stdout}`.trim()}`);
  }
  return any;
}

/**
 * Makes sure the server answers and the database in `url` exists (CREATE DATABASE if missing).
 * @param {string} [url] default env DATABASE_URL, else postgres://postgres@127.0.0.1:5432/ereceipt_hub
 * @param {{ log?: Logger, startServer?: boolean }} [options] startServer: try pg_ctlcluster when refused (default true)
 * @returns {Promise<DatabaseResult>}
 */
async function ensureDatabase(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL, options = {}) {
  const log = options.log || defaultLog;
  const database = databaseNameOf(url);
  const adminUrl = withDatabase(url, 'postgres');
  let serverStarted = false;
  /** @type {import('pg').Client} */
  let client;
  try {
    client = await connectPg(adminUrl);
  } catch (error) {
    if (!(isRefused(error) && options.startServer !== false && isLocalHost(url) && startLocalPostgres(log))) {
      throw new Error(`PostgreSQL at ${maskUrl(adminUrl)} is not reachable: ${messageOf(error)}`);
    }
    serverStarted = true;
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        client = await connectPg(adminUrl);
        break;
      } catch (retryError) {
        if (Date.now() > deadline) throw new Error(`PostgreSQL at ${maskUrl(adminUrl)} is still not reachable after starting it: ${messageOf(retryError)}`);
        await sleep(300);
      }
    }
  }
  try {
    const version = await client.query('SHOW server_version');
    const serverVersion = String(version.rows[0].server_version).split(' ')[0];
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    let created = false;
    if (exists.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
        created = true;
        log(`PostgreSQL: created database "${database}".`);
      } catch (error) {
        // a concurrent CREATE DATABASE won the race: fine
        if (!['42P04', '23505'].includes(codeOf(error) || '')) throw new Error(`CREATE DATABASE "${database}" failed: ${messageOf(error)}`);
      }
    }
    return { databaseUrl: url, database, created, serverStarted, serverVersion };
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * @param {string} url
 * @returns {Promise<PostgresStatus>}
 */
async function postgresStatus(url) {
  /** @type {PostgresStatus} */
  const result = { databaseUrl: maskUrl(url), database: '', reachable: false, serverVersion: null, databaseExists: null };
  try {
    result.database = databaseNameOf(url);
    const client = await connectPg(withDatabase(url, 'postgres'));
    try {
      result.reachable = true;
      result.serverVersion = String((await client.query('SHOW server_version')).rows[0].server_version).split(' ')[0];
      result.databaseExists = ((await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [result.database])).rowCount || 0) > 0;
    } finally {
      await client.end().catch(() => {});
    }
  } catch (error) {
    result.error = messageOf(error);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// public API

/**
 * Starts the local broker (fetching jars and formatting storage when needed) and checks
 * PostgreSQL (starting a stopped local cluster, creating the database). Idempotent.
 * @param {UpOptions} [options]
 * @returns {Promise<UpResult>}
 */
async function up(options = {}) {
  const log = options.log || defaultLog;
  /** @type {UpResult} */
  const result = {};
  if (options.kafka !== false) result.kafka = await upKafka({ timeoutMs: options.timeoutMs, log });
  if (options.postgres !== false) {
    const url = options.databaseUrl || process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
    const db = await ensureDatabase(url, { log });
    if (!db.created) log(`PostgreSQL: ${db.serverVersion} answering; database "${db.database}" exists.`);
    result.postgres = db;
  }
  return result;
}

/**
 * Reports (and by default prints) the state of both services. Never throws for a down service.
 * @param {{ print?: boolean, log?: Logger, databaseUrl?: string }} [options]
 * @returns {Promise<StatusResult>}
 */
async function status(options = {}) {
  const log = options.log || defaultLog;
  const pid = livePid();
  const topics = await probeKafka(LOCAL_BROKERS);
  /** @type {KafkaStatus} */
  const kafka = {
    brokers: LOCAL_BROKERS,
    pid,
    reachable: topics !== null,
    version: pid !== null ? kafkaVersion() : null,
    topics,
    dataDir: path.relative(ROOT, DATA_DIR),
    dataBytes: diskUsage(DATA_DIR),
  };
  const postgres = await postgresStatus(options.databaseUrl || process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  if (options.print !== false) {
    const kafkaState = kafka.reachable ? (pid !== null ? 'up' : 'up (not started by us)') : pid !== null ? 'starting/unresponsive' : 'down';
    const rows = [
      ['service', 'state', 'details'],
      [
        'Kafka',
        kafkaState,
        `${kafka.brokers}  pid ${pid ?? '-'}  version ${kafka.version ?? '-'}  topics ${topics ?? '-'}  data ${kafka.dataDir} ${humanBytes(kafka.dataBytes)}`,
      ],
      [
        'PostgreSQL',
        postgres.reachable ? 'up' : 'down',
        postgres.reachable
          ? `${postgres.databaseUrl}  server ${postgres.serverVersion}  database "${postgres.database}" ${postgres.databaseExists ? 'exists' : 'MISSING (up creates it)'}`
          : `${postgres.databaseUrl}  ${postgres.error || ''}`,
      ],
    ];
    const widths = [0, 1].map((i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) log(`${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2]}`);
  }
  return { kafka, postgres };
}

/** Database name for tests: the URL's name replaced by ereceipt_hub_test unless it already contains "test". @param {string} url */
function testDatabaseUrl(url) {
  return databaseNameOf(url).includes('test') ? url : withDatabase(url, TEST_DATABASE_NAME);
}

function dockerAnswers() {
  const result = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 10_000 });
  return result.status === 0;
}

/** @type {{ stop: () => Promise<unknown> }[]} */
const startedContainers = [];

/** Free TCP port on the host (used to give the container's Kafka listener the same port number it is published on). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(address.port));
    });
  });
}

/** @returns {Promise<string>} bootstrap servers of a Kafka container */
async function startKafkaContainer() {
  // Required only here: testcontainers is a dev dependency and pulls in a Docker client.
  const { GenericContainer, Wait } = require('testcontainers');
  const port = /** @type {number} */ (await freePort());
  // The PLAINTEXT listener listens on the same port number inside the container as it is
  // published on the host, so the advertised address is right before the container starts.
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

/** @param {string} database @returns {Promise<string>} */
async function startPostgresContainer(database) {
  const { GenericContainer, Wait } = require('testcontainers');
  const container = await new GenericContainer(TESTCONTAINERS_POSTGRES_IMAGE)
    .withExposedPorts(5432)
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust', POSTGRES_DB: database })
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .withStartupTimeout(120_000)
    .start();
  startedContainers.push(container);
  return `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/${encodeURIComponent(database)}`;
}

/** Stops containers started by ensureTestServices (for a jest globalTeardown; Ryuk also reaps them). */
async function stopTestContainers() {
  while (startedContainers.length > 0) await /** @type {{ stop: () => Promise<unknown> }} */ (startedContainers.pop()).stop().catch(() => {});
}

/**
 * Services for tests, in the order of ARCHITECTURE.md: URLs from the environment (verified),
 * else the local services (started here), else Testcontainers when a Docker engine answers.
 * Sets process.env.KAFKA_BROKERS and DATABASE_URL (test database) for child processes.
 * @param {{ log?: Logger }} [options] default log: silent unless something is started
 * @returns {Promise<TestServices>}
 */
async function ensureTestServices(options = {}) {
  const log = options.log || ((m) => process.stderr.write(`[services] ${m}\n`));
  const quiet = /** @type {Logger} */ (() => {});

  // Kafka
  /** @type {string} */
  let kafkaBrokers;
  /** @type {TestServices['source']['kafka']} */
  let kafkaSource;
  const envBrokers = process.env.KAFKA_BROKERS;
  if (envBrokers) {
    if ((await probeKafka(envBrokers)) === null) {
      throw new Error(`KAFKA_BROKERS=${envBrokers} is set but no Kafka broker answers there. Start it, or unset KAFKA_BROKERS to use the local broker ("ereceipt services up").`);
    }
    kafkaBrokers = envBrokers;
    kafkaSource = 'env';
  } else {
    try {
      // Anything answering at 127.0.0.1:9092 will do (ours, or a docker compose broker); else start ours.
      if ((await probeKafka(LOCAL_BROKERS)) === null) await upKafka({ log });
      kafkaBrokers = LOCAL_BROKERS;
      kafkaSource = 'local';
    } catch (localError) {
      if (!dockerAnswers()) {
        throw new Error(`No Kafka for the tests: KAFKA_BROKERS is not set, the local broker could not start, and no Docker engine answers.\nLocal broker: ${messageOf(localError)}`);
      }
      log(`Kafka: local broker unavailable (${messageOf(localError).split('\n')[0]}); starting ${TESTCONTAINERS_KAFKA_IMAGE} with Testcontainers...`);
      kafkaBrokers = await startKafkaContainer();
      kafkaSource = 'testcontainers';
    }
  }

  // PostgreSQL
  /** @type {string} */
  let databaseUrl;
  /** @type {TestServices['source']['postgres']} */
  let postgresSource;
  const envUrl = process.env.DATABASE_URL;
  if (envUrl) {
    databaseUrl = testDatabaseUrl(envUrl);
    try {
      await ensureDatabase(databaseUrl, { log, startServer: false });
    } catch (error) {
      throw new Error(`DATABASE_URL is set but the test database is not usable: ${messageOf(error)}`);
    }
    postgresSource = 'env';
  } else {
    const localUrl = testDatabaseUrl(DEFAULT_DATABASE_URL);
    try {
      await ensureDatabase(localUrl, { log });
      databaseUrl = localUrl;
      postgresSource = 'local';
    } catch (localError) {
      if (!dockerAnswers()) {
        throw new Error(`No PostgreSQL for the tests: DATABASE_URL is not set, the local server is not usable, and no Docker engine answers.\nLocal server: ${messageOf(localError)}`);
      }
      log(`PostgreSQL: local server unavailable (${messageOf(localError)}); starting ${TESTCONTAINERS_POSTGRES_IMAGE} with Testcontainers...`);
      databaseUrl = await startPostgresContainer(TEST_DATABASE_NAME);
      await ensureDatabase(databaseUrl, { log: quiet, startServer: false });
      postgresSource = 'testcontainers';
    }
  }

  process.env.KAFKA_BROKERS = kafkaBrokers;
  process.env.DATABASE_URL = databaseUrl;
  return { kafkaBrokers, databaseUrl, smtp: undefined, source: { kafka: kafkaSource, postgres: postgresSource } };
}

module.exports = {
  ensureJars,
  up,
  down,
  status,
  ensureDatabase,
  ensureTestServices,
  stopTestContainers,
  testDatabaseUrl,
  probeKafka,
  paths: { root: ROOT, kafkaHome: KAFKA_HOME, libs: LIBS_DIR, data: DATA_DIR, serverLog: SERVER_LOG, jvmOut: JVM_OUT, pidFile: PID_FILE, serverProperties: SERVER_PROPERTIES },
  constants: { LOCAL_BROKERS, CLUSTER_ID, DEFAULT_DATABASE_URL, TEST_DATABASE_NAME },
};
