#!/usr/bin/env node
// `npm run demo`: from a fresh clone, installs what is missing, starts Kafka (and checks PostgreSQL),
// migrates, runs the hub, and plays one trade through it:
//   a seller is approved -> its ERP sends an order over Kafka -> the seller submits -> the buyer's
//   payment reminder arrives at a local mail catcher -> the buyer opens the signed link and confirms
//   -> the bank sends the deposit as an MT103 (plus the sample bank files in samples/) -> the hub
//   recognises the wire and links it to the order.
// It prints what happened and where to look. The hub keeps running until Ctrl+C (with --once, or
// CI=true, it stops after the summary).
const { spawn, execFileSync } = require('node:child_process');
const { mkdirSync, openSync, readFileSync, readdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { ROOT, run, ensureInstalled } = require('./bootstrap');

const once = process.argv.includes('--once') || process.env.CI === 'true';
const port = process.env.HTTP_PORT || '3000';
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  NODE_ENV: 'demo',
  TZ: 'UTC',
  HTTP_PORT: port,
  PUBLIC_URL: process.env.PUBLIC_URL || `http://localhost:${port}`,
  DATABASE_URL: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/ereceipt_hub',
  KAFKA_BROKERS: process.env.KAFKA_BROKERS || '127.0.0.1:9092',
  LOG_LEVEL: process.env.LOG_LEVEL || 'info',
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const say = (s = '') => process.stdout.write(`${s}\n`);
const step = (n, s) => say(`\n[${n}] ${s}`);
const cli = (...args) => execFileSync(process.execPath, [join(ROOT, 'bin', 'ereceipt.js'), ...args], { env, encoding: 'utf8' }).trim();
const MAIL_DIR = join(ROOT, '.local', 'demo-mail');
const runId = Date.now().toString(36);

/** Polls `probe` until it returns something truthy; `what` names the wait in the error. */
async function waitFor(probe, what, seconds, logFile) {
  for (let i = 0; i < seconds * 4; i++) {
    const v = await probe();
    if (v) return v;
    await sleep(250);
  }
  throw new Error(`${what}: nothing after ${seconds} s; see ${logFile}`);
}

/** A local mail catcher (real SMTP): keeps each mail as .eml and its HTML as .html under .local/demo-mail. */
async function startMailCatcher() {
  const { SMTPServer } = require('smtp-server');
  const { simpleParser } = require('mailparser');
  mkdirSync(MAIL_DIR, { recursive: true });
  const mails = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((mail) => {
            const file = join(MAIL_DIR, `${runId}-${mails.length + 1}`);
            writeFileSync(`${file}.eml`, raw);
            if (mail.html) writeFileSync(`${file}.html`, mail.html);
            mails.push({ ...mail, file });
            callback();
          })
          .catch(callback);
      });
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { mails, port: server.server.address().port, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** The hub child process, stopped on every way out (success, failure, Ctrl+C). */
let hubChild = null;
const stopHub = () => hubChild && hubChild.exitCode === null && hubChild.kill('SIGTERM');

async function assertPortFree() {
  const inUse = await fetch(`${base}/health`).then(() => true, () => false);
  if (inUse) throw new Error(`something already answers on ${base} (another hub or demo?); stop it, or run with HTTP_PORT=<free port>`);
}

async function startHub(logFile) {
  await assertPortFree();
  const hub = spawn(process.execPath, [join(ROOT, 'bin', 'ereceipt.js'), 'hub'], { env, stdio: ['ignore', openSync(logFile, 'a'), openSync(logFile, 'a')] });
  hubChild = hub;
  say(`starting the hub on ${base} (log: ${logFile}) ...`);
  await waitFor(async () => {
    if (hub.exitCode !== null) throw new Error(`the hub exited (${hub.exitCode}); see ${logFile}`);
    return fetch(`${base}/health/ready`).then((r) => r.ok, () => false);
  }, 'the hub to become ready', 90, logFile);
  say('hub ready: PostgreSQL and Kafka answer, consumers running.');
  return hub;
}

/** Messages the hub's consumer group has not committed yet on `topics`. */
async function lag(admin, topics) {
  const groupId = env.KAFKA_GROUP_ID || 'ereceipt-hub';
  let behind = 0n;
  for (const topic of topics) {
    const [ends, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
    for (const p of ends) {
      const c = committed[0]?.partitions.find((x) => x.partition === p.partition)?.offset ?? '-1';
      const done = c === '-1' ? BigInt(p.low) : BigInt(c);
      if (BigInt(p.high) > done) behind += BigInt(p.high) - done;
    }
  }
  return behind.toString();
}

async function api(method, path, token, body) {
  const send = () =>
    fetch(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  // A kept-alive socket the server closed while we waited fails before the request is sent: send it again.
  const res = await send().catch(send);
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json.message}`);
  return json;
}

async function main() {
  ensureInstalled();
  run('node bin/ereceipt.js services up');
  say('\n$ ereceipt migrate');
  say(cli('migrate'));

  const catcher = await startMailCatcher();
  env.SMTP_URL = `smtp://127.0.0.1:${catcher.port}`;
  const logFile = join(ROOT, '.local', 'demo-hub.log');
  const hub = await startHub(logFile);
  process.on('SIGINT', () => {
    stopHub();
    process.exit(0);
  });

  const { Client } = require('pg');
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  const { Kafka, logLevel } = require('kafkajs');
  const kafka = new Kafka({ brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();

  // 1. Activation.
  const admin = cli('tokens', 'create', '--role', 'admin', '--name', 'demo admin');
  step(1, 'an exporter applies (general trade, 0110) and an admin approves it:');
  const applied = await api('POST', '/sellers/applications', admin, { legalName: 'NINGBO EXAMPLE CO LTD', customsCode: '3302961234', tradeMode: '0110', currencies: ['USD', 'EUR'], contactEmail: 'finance@ningbo-example.cn' });
  const seller = await api('POST', `/sellers/${applied.sellerId}/approve`, admin);
  const sellerToken = cli('tokens', 'create', '--role', 'seller', '--seller', seller.sellerId, '--name', 'demo seller');
  console.table(seller.collectionAccounts.map(({ currency, accountNumber, beneficiaryName, bic }) => ({ currency, 'virtual account': accountNumber, beneficiaryName, bic })));
  const usd = seller.collectionAccounts.find((a) => a.currency === 'USD');

  // 2. The ERP sends an order over Kafka.
  const externalOrderId = `SO-DEMO-${runId}`;
  const erp = JSON.parse(readFileSync(join(ROOT, 'samples', 'erp-order.json'), 'utf8'));
  Object.assign(erp, { sellerId: seller.sellerId, externalOrderId, version: 1, action: 'UPSERT', submit: false });
  step(2, `the seller's ERP sends order ${externalOrderId} on erp.orders (samples/erp-order.json; XML works too: samples/erp-order.xml):`);
  await producer.send({ topic: 'erp.orders', messages: [{ key: `${seller.sellerId}:${externalOrderId}`, value: JSON.stringify(erp) }] });
  const order = await waitFor(async () => (await api('GET', `/orders?externalOrderId=${externalOrderId}`, sellerToken)).items[0], 'the ERP order to arrive', 90, logFile);
  say(`  -> order ${order.orderNo}, ${order.currency} ${order.totals.total}, ${order.lifecycleStatus}; milestones: ${order.milestones.map((m) => `${m.kind} ${m.amount} due ${m.dueDate}`).join(', ')}`);

  // 3. Submit: the payment reminder goes to the buyer.
  step(3, 'the seller submits; the hub e-mails the buyer a payment reminder (caught locally):');
  await api('POST', `/orders/${order.orderNo}/submit`, sellerToken);
  const mail = await waitFor(async () => catcher.mails.find((m) => m.subject.includes(order.orderNo)), 'the payment reminder at the mail catcher', 60, logFile);
  const link = /http\S+\/buyer\/orders\/\S+/.exec(mail.text)[0];
  say(`  to:      ${mail.to.text}`);
  say(`  subject: ${mail.subject}`);
  say(`  saved:   ${mail.file}.eml and .html`);
  say(`  buyer's link (open it in a browser): ${link}`);

  // 4. The buyer confirms the payment information.
  step(4, 'the buyer opens the link and confirms the payment information:');
  const localLink = link.replace(env.PUBLIC_URL, base);
  const confirmed = await (await fetch(`${localLink.split('?')[0]}/payment-confirmation?${localLink.split('?')[1]}`, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'demo-buyer' }, body: '{}' })).json();
  say(`  -> confirmed at ${confirmed.confirmedAt}; event ereceipt.order.payment-info-confirmed.v1 on hub.orders`);

  // 5. The bank notifies the deposit, next to the sample bank files.
  step(5, 'the bank notifies the 30 % deposit as an MT103 to the virtual account, quoting the order number, next to the sample files:');
  const { buildMt103 } = require(join(ROOT, 'dist', 'libs', 'testing', 'src', 'mt103.builder.js'));
  const deposit = order.milestones[0];
  const depositRef = `DEMO${runId}`.slice(0, 16).toUpperCase();
  const files = [
    { name: `(generated) deposit for ${order.orderNo}`, topic: 'bank.remittance.mt103', value: buildMt103({ ref: depositRef, valueDate: new Date().toISOString().slice(2, 10).replace(/-/g, ''), amount: deposit.amount.replace('.', ','), beneficiaryAccount: usd.accountNumber, remittanceInfo: ['PAYMENT FOR ORDER', order.orderNo], payerName: order.buyer.name }) },
  ];
  const topicFor = { fin: 'bank.remittance.mt103', xml: 'bank.remittance.camt054', csv: 'bank.remittance.csv' };
  for (const file of readdirSync(join(ROOT, 'samples')).sort()) {
    const topic = !file.startsWith('erp-') && topicFor[file.split('.').pop()];
    if (topic) files.push({ name: `samples/${file}`, topic, value: readFileSync(join(ROOT, 'samples', file)) });
  }
  const before = (await db.query(`select coalesce(max(id), 0)::bigint as id from inbound_message`)).rows[0].id;
  const demoKey = `demo-${runId}`;
  for (const f of files) {
    await producer.send({ topic: f.topic, messages: [{ key: demoKey, value: f.value, headers: { 'source-bank': 'DEMO' } }] });
    say(`  ${f.name.padEnd(44)} -> ${f.topic}`);
  }
  await producer.disconnect();

  say('\nwaiting for the hub to consume them and publish the outbox ...');
  // On a broker that already holds other traffic (earlier runs, tests), the hub first works through
  // what its consumer group has not read yet: say how far behind it is instead of going quiet.
  const kafkaAdmin = kafka.admin();
  await kafkaAdmin.connect();
  let lastReport = Date.now();
  await waitFor(async () => {
    const { rows } = await db.query(
      `select (select count(*) from inbound_message where id > $1 and key = $2)::int as consumed, (select count(*) from outbox_event where status = 'PENDING')::int as pending`,
      [before, demoKey],
    );
    if (rows[0].consumed >= files.length && rows[0].pending === 0) return true;
    if (Date.now() - lastReport > 5000) {
      lastReport = Date.now();
      say(`  ${rows[0].consumed}/${files.length} consumed; the hub's group is ${await lag(kafkaAdmin, Object.values(topicFor))} messages behind on the bank topics (older traffic first) ...`);
    }
    return false;
  }, `the ${files.length} bank files to be consumed`, 300, logFile);
  await kafkaAdmin.disconnect();

  const archive = await db.query(`select topic, status, coalesce(error_code, '') as error_code, coalesce(left(error_message, 110), '') as reason from inbound_message where id > $1 and key = $2 order by id`, [before, demoKey]);
  const remittances = await db.query(
    `select r.source, r.message_ref, r.currency, r.amount, r.beneficiary_account as account, r.status
       from remittance r join inbound_message m on m.id = r.inbound_message_id where m.id > $1 and m.key = $2 order by r.received_at`,
    [before, demoKey],
  );
  const events = await db.query(
    `select o.topic, coalesce(o.type, 'raw copy (DLQ)') as type, o.status, count(*)::int as n from outbox_event o
      where o.created_at > now() - interval '10 minutes' and ((o.kind = 'raw' and o.key = $1) or o.key = $2
         or o.key in (select r.id::text from remittance r join inbound_message m on m.id = r.inbound_message_id where m.id > $3 and m.key = $1))
      group by 1, 2, 3 order by 1, 2`,
    [demoKey, order.orderNo, before],
  );
  const after = await api('GET', `/orders/${order.orderNo}`, sellerToken);
  await db.end();

  step(6, 'what the hub did:');
  say('inbound archive (every message kept; a bad one rejected with its reason, the rest went through):');
  console.table(archive.rows);
  say('remittances (one per wire; a copy of a wire already seen is DUPLICATE, linked to it):');
  console.table(remittances.rows);
  say(`order ${after.orderNo}: ${after.lifecycleStatus}, payment ${after.paymentStatus}, paid ${after.currency} ${after.totals.paidAmount} of ${after.totals.total}`);
  say('published to Kafka through the outbox:');
  console.table(events.rows);

  const finance = cli('tokens', 'create', '--role', 'finance', '--name', 'demo finance');
  const today = new Date().toISOString().slice(0, 10);
  const report = await api('GET', `/reports/reconciliation?from=${today}&to=${today}&format=json`, finance);
  say(`\nreconciliation for ${today} (UTC; everything this hub received today, not only this run):`);
  console.table(
    report.currencies.map((c) => ({
      currency: c.currency,
      received: `${c.received.count} / ${c.received.amount}`,
      'auto-associated': `${c.byCategory.associatedAuto.count} / ${c.byCategory.associatedAuto.amount}`,
      'by hand': c.byCategory.associatedManual.count,
      'under review': c.byCategory.underReview.count,
      suggested: c.byCategory.suggested.count,
      unmatched: c.byCategory.unmatched.count,
      'auto rate': c.kpis.autoRateByCount ?? '-',
    })),
  );
  say(`discrepancies: ${report.totals.discrepancies}${report.totals.discrepancies ? ' (see the console or the XLSX)' : ''}`);
  say('where to look:');
  // A finance person for the console (people sign in as themselves; the token is for scripts).
  const person = `finance.${runId}@demo.example`;
  const password = /password: (\S+)/.exec(cli('users', 'create', '--email', person, '--role', 'finance', '--name', 'Demo Finance'))?.[1] ?? '?';
  say(`  finance console       ${base}/console  (sign in as ${person} / ${password})`);
  say(`  finance token         ${finance}  (a machine token, for the API)`);
  say(`  the report as XLSX    curl -H 'Authorization: Bearer ${finance}' -o recon.xlsx '${base}/api/v1/reports/reconciliation?from=${today}&to=${today}&format=xlsx'`);
  say(`  replay matching       npx ereceipt matching replay --from ${today} --to ${today} --rules samples/matching-rules.strict.json   (dry run: what stricter rules would change)`);
  say(`  the buyer's page      ${link}`);
  say(`  the reminder e-mail   ${mail.file}.html`);
  say(`  API docs (OpenAPI)    ${base}/api/docs`);
  say(`  readiness             ${base}/health/ready`);
  say(`  Prometheus metrics    ${base}/metrics`);
  say(`  remittances (API)     curl -H 'Authorization: Bearer ${finance}' ${base}/api/v1/remittances`);
  say(`  the order (API)       curl -H 'Authorization: Bearer ${sellerToken}' ${base}/api/v1/orders/${order.orderNo}`);
  say('  parse a file          npx ereceipt parse samples/mt103-bad-amount.fin   (exit 1, FILE:LINE: reason on stderr)');
  say('  dead letters          topic bank.remittance.mt103.dlq, with error-code / error-message headers');
  say(`  hub log               ${logFile}`);
  say('  run it again: a new seller and order; the sample bank files are recognised as duplicates, nothing is stored twice.');
  if (once) {
    stopHub();
    await catcher.close();
    return;
  }
  say('\nthe hub keeps running (and the mail catcher with it); Ctrl+C stops both.');
  await new Promise((resolve) => hub.on('exit', resolve));
  await catcher.close();
}

main().catch((e) => {
  stopHub();
  process.stderr.write(`\ndemo failed: ${e.message}\n`);
  process.exit(1);
});
