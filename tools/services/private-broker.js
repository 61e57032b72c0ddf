// @ts-check
'use strict';
/**
 * A broker of one's own, for tests that stop Kafka (issue #16, #22): the same KRaft combined node
 * as `ereceipt services up`, from the same jars, on ports and a data directory given by the caller,
 * so the shared broker on 9092 is never touched. `stop()` is a clean SIGTERM (or SIGKILL), `start()`
 * brings it back on the same ports and data.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const services = require('./index');

const CLUSTER_ID = Buffer.from('ereceipt-private!').toString('base64url').slice(0, 22);

/**
 * @param {{ port: number, controllerPort: number, dir: string, log?: (line: string) => void }} options
 */
function privateBroker(options) {
  const { port, controllerPort, dir } = options;
  const log = options.log || (() => {});
  const brokers = `127.0.0.1:${port}`;
  const properties = path.join(dir, 'server.properties');
  const log4j = path.join(dir, 'log4j2.properties');
  const classpath = path.join(services.paths.libs, '*');
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  /** @type {import('node:child_process').ChildProcess | null} */
  let child = null;

  function prepare() {
    services.ensureJars(log);
    fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
    fs.writeFileSync(
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
        `log.dirs=${path.join(dir, 'data').split(path.sep).join('/')}`,
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
    fs.writeFileSync(log4j, `status = warn\nappender.file.type = File\nappender.file.name = file\nappender.file.fileName = ${path.join(dir, 'server.log').split(path.sep).join('/')}\nappender.file.layout.type = PatternLayout\nappender.file.layout.pattern = [%d] %p %m (%c)%n\nrootLogger.level = WARN\nrootLogger.appenderRef.file.ref = file\n`);
    if (!fs.existsSync(path.join(dir, 'data', 'meta.properties'))) {
      const r = spawnSync(java, [`-Dlog4j2.configurationFile=${log4j}`, '-cp', classpath, 'kafka.tools.StorageTool', 'format', '--standalone', '--ignore-formatted', '-t', CLUSTER_ID, '-c', properties], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`formatting the private broker's storage failed: ${r.stdout}${r.stderr}`);
    }
  }

  return {
    brokers,
    get pid() {
      return child?.pid ?? null;
    },
    /** Starts (or restarts) the broker and waits until it answers. */
    async start(timeoutMs = 90_000) {
      if (!fs.existsSync(properties)) prepare();
      const out = fs.openSync(path.join(dir, 'jvm.out'), 'a');
      child = spawn(java, ['-Xms128m', '-Xmx384m', '-XX:+UseG1GC', `-Dlog4j2.configurationFile=${log4j}`, '-cp', classpath, 'kafka.Kafka', properties], { stdio: ['ignore', out, out] });
      fs.closeSync(out);
      const until = Date.now() + timeoutMs;
      while ((await services.probeKafka(brokers)) === null) {
        if (child.exitCode !== null) throw new Error(`the private broker exited with ${child.exitCode}; see ${dir}/jvm.out`);
        if (Date.now() > until) throw new Error(`the private broker did not answer at ${brokers} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    /** Stops it (SIGTERM: a clean shutdown; SIGKILL: a crash) and waits for the process to end. */
    async stop(signal = /** @type {NodeJS.Signals} */ ('SIGTERM')) {
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

module.exports = { privateBroker };
