#!/usr/bin/env node
// `npm run demo`: from a fresh clone, installs what is missing, starts Kafka (and checks PostgreSQL),
// migrates, runs the hub, feeds the sample bank files in samples/, and shows what happened and where
// to look. The hub keeps running until Ctrl+C (with --once, or CI=true, it stops after the summary).
const { spawn, execFileSync } = require('node:child_process');
const { openSync, readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const { ROOT, run, ensureInstalled } = require('./bootstrap');

const once = process.argv.includes('--once') || process.env.CI === 'true';
const port = process.env.HTTP_PORT || '3000';
const env = {
  ...process.env,
  NODE_ENV: 'demo',
  TZ: 'UTC',
  HTTP_PORT: port,
  DATABASE_URL: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/ereceipt_hub',
  KAFKA_BROKERS: process.env.KAFKA_BROKERS || '127.0.0.1:9092',
  LOG_LEVEL: process.env.LOG_LEVEL || 'info',
};
const base = `http://127.0.0.1:${port}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const say = (s = '') => process.stdout.write(`${s}\n`);
const cli = (...args) => execFileSync(process.execPath, [join(ROOT, 'bin', 'ereceipt.js'), ...args], { env, encoding: 'utf8' }).trim();

async function main() {
  ensureInstalled();
  run('node tools/services/cli.js up');
  say('\n$ ereceipt migrate');
  say(cli('migrate'));

  const logFile = join(ROOT, '.local', 'demo-hub.log');
  const hub = spawn(process.execPath, [join(ROOT, 'bin', 'ereceipt.js'), 'hub'], { env, stdio: ['ignore', openSync(logFile, 'a'), openSync(logFile, 'a')] });
  const stop = () => hub.exitCode === null && hub.kill('SIGTERM');
  process.on('SIGINT', () => {
    stop();
    process.exit(0);
  });
  say(`\nstarting the hub on ${base} (log: ${logFile}) ...`);
  for (let i = 0; ; i++) {
    if (hub.exitCode !== null) throw new Error(`the hub exited (${hub.exitCode}); see ${logFile}`);
    const ok = await fetch(`${base}/health/ready`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 300) throw new Error(`the hub did not become ready in time; see ${logFile}`);
    await sleep(300);
  }
  say('hub ready: PostgreSQL and Kafka answer, consumer running.');

  const { Client } = require('pg');
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  const before = (await db.query(`select coalesce(max(id), 0)::bigint as id from inbound_message`)).rows[0].id;

  const { Kafka, logLevel } = require('kafkajs');
  const producer = new Kafka({ brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  const topicFor = { fin: 'bank.remittance.mt103', xml: 'bank.remittance.camt054', csv: 'bank.remittance.csv' };
  let sent = 0;
  const demoKey = `demo-${Date.now().toString(36)}`;
  say('\nfeeding the sample bank files (samples/) over Kafka, as a bank would:');
  for (const file of readdirSync(join(ROOT, 'samples')).sort()) {
    const topic = topicFor[file.split('.').pop()];
    if (!topic) continue;
    await producer.send({ topic, messages: [{ key: demoKey, value: readFileSync(join(ROOT, 'samples', file)), headers: { 'source-bank': 'DEMO' } }] });
    say(`  ${file.padEnd(36)} -> ${topic}`);
    sent++;
  }
  await producer.disconnect();

  say('\nwaiting for the hub to consume them and publish the outbox ...');
  for (let i = 0; ; i++) {
    const { rows } = await db.query(
      `select (select count(*) from inbound_message where id > $1 and key = $2)::int as consumed, (select count(*) from outbox_event where status = 'PENDING')::int as pending`,
      [before, demoKey],
    );
    if (rows[0].consumed >= sent && rows[0].pending === 0) break;
    if (i > 240) throw new Error(`only ${rows[0].consumed} of ${sent} files consumed after 60 s; see ${logFile}`);
    await sleep(250);
  }
  const archive = await db.query(`select topic, status, coalesce(error_code, '') as error_code, coalesce(left(error_message, 110), '') as reason from inbound_message where id > $1 and key = $2 order by id`, [before, demoKey]);
  const remittances = await db.query(
    `select r.source, r.message_ref, r.currency, r.amount, r.value_date::text as value_date, r.status
       from remittance r join inbound_message m on m.id = r.inbound_message_id where m.id > $1 and m.key = $2 order by r.received_at`,
    [before, demoKey],
  );
  const events = await db.query(
    `select o.topic, coalesce(o.type, 'raw copy (DLQ)') as type, o.status, count(*)::int as n from outbox_event o
      where (o.kind = 'raw' and o.key = $2) or (o.payload->'provenance'->>'inboundMessageId')::bigint in (select id from inbound_message where id > $1 and key = $2)
      group by 1, 2, 3 order by 1, 2`,
    [before, demoKey],
  );
  await db.end();

  say('\nwhat the hub received (inbound archive):');
  console.table(archive.rows);
  say('remittances stored (one per wire; a copy of a wire already seen is DUPLICATE, linked to it):');
  console.table(remittances.rows);
  say('published to Kafka through the outbox:');
  console.table(events.rows);

  const finance = cli('tokens', 'create', '--role', 'finance', '--name', 'demo finance');
  say('where to look:');
  say(`  API docs (OpenAPI)   ${base}/api/docs`);
  say(`  readiness            ${base}/health/ready`);
  say(`  Prometheus metrics   ${base}/metrics`);
  say(`  remittances (API)    curl -H 'Authorization: Bearer ${finance}' ${base}/api/v1/remittances`);
  say('  parse a file         npx ereceipt parse samples/mt103-bad-amount.fin   (exit 1, FILE:LINE: reason on stderr)');
  say('  dead letters         topic bank.remittance.mt103.dlq, with error-code / error-message headers');
  say(`  hub log              ${logFile}`);
  say('  run it again: the same files are recognised as duplicates; nothing is stored twice.');
  if (once) {
    stop();
    return;
  }
  say('\nthe hub keeps running; Ctrl+C stops it.');
  await new Promise((resolve) => hub.on('exit', resolve));
}

main().catch((e) => {
  process.stderr.write(`\ndemo failed: ${e.message}\n`);
  process.exit(1);
});
