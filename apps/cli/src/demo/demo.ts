import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Admin, Kafka, logLevel, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { buildMt103 } from '@ereceipt/testing';
import { up } from '@tools/services';
import { repoRoot } from '../repo-root';
import { HubChild, MailCatcher } from './demo-resources';

/**
 * `ereceipt demo`: starts Kafka (and checks PostgreSQL), migrates, runs the hub and plays one trade
 * through it: a seller is approved -> its ERP sends an order over Kafka -> the seller submits -> the
 * buyer's payment reminder arrives at a local mail catcher -> the buyer opens the signed link and
 * confirms -> the bank sends the deposit as an MT103 (plus the sample bank files in samples/) -> the
 * hub recognises the wire and links it to the order. It prints what happened and where to look.
 *
 * The hub and the mail catcher keep running until SIGINT (Ctrl+C) or SIGTERM, which stop both and
 * exit 0; with `once` it stops after the summary. A signal before the summary stops everything it
 * started and exits 128 + the signal's number (130, 143): the trade did not finish.
 */
export interface DemoOptions {
  once: boolean;
  /** The script that runs this CLI (bin/ereceipt.js, or nest's build): the hub and `migrate` run through it. */
  cliEntry: string;
}

/** The parts of the API's answers the demo reads. */
interface Tally {
  count: number;
  amount: string;
}
interface SellerView {
  sellerId: string;
  collectionAccounts: Array<{ currency: string; accountNumber: string; beneficiaryName: string; bic: string }>;
}
interface OrderView {
  orderNo: string;
  currency: string;
  lifecycleStatus: string;
  paymentStatus: string;
  totals: { total: string; paidAmount: string };
  milestones: Array<{ kind: string; amount: string; dueDate: string }>;
  buyer: { name: string };
}
interface ReportView {
  totals: { discrepancies: number };
  currencies: Array<{ currency: string; received: Tally; byCategory: Record<'associatedAuto' | 'associatedManual' | 'underReview' | 'suggested' | 'unmatched', Tally>; kpis: { autoRateByCount: string | null } }>;
}

const SIGNAL_NUMBER = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (s = '') => process.stdout.write(`${s}\n`);
const step = (n: number, s: string) => say(`\n[${n}] ${s}`);

/** Everything the demo opens, closed once on every way out (success, failure, signal). */
class Resources {
  hub: HubChild | null = null;
  catcher: MailCatcher | null = null;
  db: Client | null = null;
  producer: Producer | null = null;
  admin: Admin | null = null;
  private closing: Promise<void> | null = null;

  close(): Promise<void> {
    this.closing ??= (async () => {
      // The hub first: it may still be sending mail to the catcher while it drains.
      await this.hub?.stop();
      await Promise.allSettled([this.catcher?.close(), this.db?.end(), this.producer?.disconnect(), this.admin?.disconnect()]);
    })();
    return this.closing;
  }
}

export async function runDemo(options: DemoOptions): Promise<number> {
  const root = repoRoot();
  const port = process.env.HTTP_PORT || '3000';
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'demo',
    TZ: 'UTC',
    HTTP_PORT: port,
    PUBLIC_URL: process.env.PUBLIC_URL || `http://localhost:${port}`,
    DATABASE_URL: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/ereceipt_hub',
    KAFKA_BROKERS: process.env.KAFKA_BROKERS || '127.0.0.1:9092',
    LOG_LEVEL: process.env.LOG_LEVEL || 'info',
  };
  const cli = (...args: string[]) => execFileSync(process.execPath, [options.cliEntry, ...args], { env, encoding: 'utf8' }).trim();
  const runId = Date.now().toString(36);
  const logFile = join(root, '.local', 'demo-hub.log');
  mkdirSync(join(root, '.local'), { recursive: true });
  const res = new Resources();
  let finished = false;
  let signalled = false;

  const onSignal = (signal: keyof typeof SIGNAL_NUMBER, why: string = signal) => {
    if (signalled) return;
    signalled = true;
    say(`\n${why}: stopping the hub${res.hub?.pid ? ` (pid ${res.hub.pid})` : ''} and the mail catcher ...`);
    res.close().then(
      () => {
        say(finished ? 'stopped.' : 'stopped before the trade finished.');
        process.exit(finished ? 0 : 128 + SIGNAL_NUMBER[signal]);
      },
      () => process.exit(1),
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => onSignal(signal));
  // `npm run demo` runs us under `sh -c`: npm forwards a SIGTERM to that shell, which dies without
  // passing it on, and we would be left (with the hub) as orphans. Losing our parent counts as SIGTERM.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && onSignal('SIGTERM', `parent process ${parent} gone`), 250).unref();

  /** Once a signal came, the trade goes no further (the handler stops everything and exits). */
  const halted = async () => {
    if (signalled) await new Promise<never>(() => undefined);
  };

  /** Polls `probe` until it returns something truthy; `what` names the wait in the error. */
  async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, what: string, seconds: number): Promise<T> {
    for (let i = 0; i < seconds * 4; i++) {
      await halted();
      if (res.hub && !res.hub.running) throw new Error(`the hub exited (${res.hub.exitCode}); see ${logFile}`);
      const v = await probe();
      if (v) return v;
      await sleep(250);
    }
    throw new Error(`${what}: nothing after ${seconds} s; see ${logFile}`);
  }

  async function api<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
    await halted();
    const send = () =>
      fetch(`${base}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    // A kept-alive socket the server closed while we waited fails before the request is sent: send it again.
    const response = await send().catch(send);
    const json: unknown = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${(json as { message?: string }).message}`);
    return json as T;
  }

  try {
    await up({ databaseUrl: env.DATABASE_URL, log: (line) => say(line) });
    say('\n$ ereceipt migrate');
    say(cli('migrate'));

    res.catcher = await MailCatcher.start(join(root, '.local', 'demo-mail'), runId);
    const catcher = res.catcher;
    env.SMTP_URL = `smtp://127.0.0.1:${catcher.port}`;
    const inUse = await fetch(`${base}/health`).then(() => true, () => false);
    if (inUse) throw new Error(`something already answers on ${base} (another hub or demo?); stop it, or run with HTTP_PORT=<free port>`);
    res.hub = new HubChild(options.cliEntry, env, logFile);
    const hub = res.hub;
    say(`starting the hub on ${base} (pid ${hub.pid}, log: ${logFile}) ...`);
    await waitFor(() => fetch(`${base}/health/ready`).then((r) => r.ok, () => false), 'the hub to become ready', 90);
    say('hub ready: PostgreSQL and Kafka answer, consumers running.');

    res.db = new Client({ connectionString: env.DATABASE_URL });
    const db = res.db;
    await db.connect();
    const kafka = new Kafka({ brokers: (env.KAFKA_BROKERS ?? '').split(','), logLevel: logLevel.NOTHING });
    res.producer = kafka.producer();
    const producer = res.producer;
    await producer.connect();

    // 1. Activation.
    const admin = cli('tokens', 'create', '--role', 'admin', '--name', 'demo admin');
    step(1, 'an exporter applies (general trade, 0110) and an admin approves it:');
    const applied = await api<{ sellerId: string }>('POST', '/sellers/applications', admin, { legalName: 'NINGBO EXAMPLE CO LTD', customsCode: '3302961234', tradeMode: '0110', currencies: ['USD', 'EUR'], contactEmail: 'finance@ningbo-example.cn' });
    const seller = await api<SellerView>('POST', `/sellers/${applied.sellerId}/approve`, admin);
    const sellerToken = cli('tokens', 'create', '--role', 'seller', '--seller', seller.sellerId, '--name', 'demo seller');
    const accounts = seller.collectionAccounts;
    console.table(accounts.map(({ currency, accountNumber, beneficiaryName, bic }) => ({ currency, 'virtual account': accountNumber, beneficiaryName, bic })));
    const usd = accounts.find((a) => a.currency === 'USD');
    if (!usd) throw new Error('the approved seller has no USD collection account');

    // 2. The ERP sends an order over Kafka.
    const externalOrderId = `SO-DEMO-${runId}`;
    const erp = JSON.parse(readFileSync(join(root, 'samples', 'erp-order.json'), 'utf8')) as Record<string, unknown>;
    Object.assign(erp, { sellerId: seller.sellerId, externalOrderId, version: 1, action: 'UPSERT', submit: false });
    step(2, `the seller's ERP sends order ${externalOrderId} on erp.orders (samples/erp-order.json; XML works too: samples/erp-order.xml):`);
    await producer.send({ topic: 'erp.orders', messages: [{ key: `${seller.sellerId}:${externalOrderId}`, value: JSON.stringify(erp) }] });
    const order = await waitFor(async () => (await api<{ items: OrderView[] }>('GET', `/orders?externalOrderId=${externalOrderId}`, sellerToken)).items[0], 'the ERP order to arrive', 90);
    const milestones = order.milestones;
    say(`  -> order ${order.orderNo}, ${order.currency} ${order.totals.total}, ${order.lifecycleStatus}; milestones: ${milestones.map((m) => `${m.kind} ${m.amount} due ${m.dueDate}`).join(', ')}`);

    // 3. Submit: the payment reminder goes to the buyer.
    step(3, 'the seller submits; the hub e-mails the buyer a payment reminder (caught locally):');
    await api('POST', `/orders/${order.orderNo}/submit`, sellerToken);
    const caught = await waitFor(async () => catcher.mails.find((m) => (m.mail.subject ?? '').includes(order.orderNo)), 'the payment reminder at the mail catcher', 60);
    const link = /http\S+\/buyer\/orders\/\S+/.exec(caught.mail.text ?? '')?.[0];
    if (!link) throw new Error(`the payment reminder has no buyer link (see ${caught.file}.eml)`);
    const to = caught.mail.to;
    say(`  to:      ${Array.isArray(to) ? to.map((a) => a.text).join(', ') : (to?.text ?? '')}`);
    say(`  subject: ${caught.mail.subject}`);
    say(`  saved:   ${caught.file}.eml and .html`);
    say(`  buyer's link (open it in a browser): ${link}`);

    // 4. The buyer confirms the payment information.
    step(4, 'the buyer opens the link and confirms the payment information:');
    const [page, query] = link.replace(env.PUBLIC_URL ?? '', base).split('?');
    const confirmation = await fetch(`${page}/payment-confirmation?${query}`, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'demo-buyer' }, body: '{}' });
    const confirmed = (await confirmation.json()) as { confirmedAt?: string; message?: string };
    if (!confirmation.ok) throw new Error(`the buyer's confirmation: ${confirmation.status} ${confirmed.message}`);
    say(`  -> confirmed at ${confirmed.confirmedAt}; event ereceipt.order.payment-info-confirmed.v1 on hub.orders`);

    // 5. The bank notifies the deposit, next to the sample bank files.
    step(5, 'the bank notifies the 30 % deposit as an MT103 to the virtual account, quoting the order number, next to the sample files:');
    const deposit = milestones[0];
    if (!deposit) throw new Error(`order ${order.orderNo} has no milestones`);
    const depositRef = `DEMO${runId}`.slice(0, 16).toUpperCase();
    const files: Array<{ name: string; topic: string; value: string | Buffer }> = [
      {
        name: `(generated) deposit for ${order.orderNo}`,
        topic: 'bank.remittance.mt103',
        value: buildMt103({ ref: depositRef, valueDate: new Date().toISOString().slice(2, 10).replace(/-/g, ''), amount: deposit.amount.replace('.', ','), beneficiaryAccount: usd.accountNumber, remittanceInfo: ['PAYMENT FOR ORDER', order.orderNo], payerName: order.buyer.name }),
      },
    ];
    const topicFor: Record<string, string> = { fin: 'bank.remittance.mt103', xml: 'bank.remittance.camt054', csv: 'bank.remittance.csv' };
    for (const file of readdirSync(join(root, 'samples')).sort()) {
      const topic = !file.startsWith('erp-') && topicFor[file.split('.').pop() ?? ''];
      if (topic) files.push({ name: `samples/${file}`, topic, value: readFileSync(join(root, 'samples', file)) });
    }
    const before = (await db.query<{ id: string }>(`select coalesce(max(id), 0)::bigint as id from inbound_message`)).rows[0]?.id ?? '0';
    const demoKey = `demo-${runId}`;
    for (const f of files) {
      await producer.send({ topic: f.topic, messages: [{ key: demoKey, value: f.value, headers: { 'source-bank': 'DEMO' } }] });
      say(`  ${f.name.padEnd(44)} -> ${f.topic}`);
    }

    say('\nwaiting for the hub to consume them and publish the outbox ...');
    // On a broker that already holds other traffic (earlier runs, tests), the hub first works through
    // what its consumer group has not read yet: say how far behind it is instead of going quiet.
    res.admin = kafka.admin();
    const kafkaAdmin = res.admin;
    await kafkaAdmin.connect();
    let lastReport = Date.now();
    await waitFor(async () => {
      const { rows } = await db.query<{ consumed: number; pending: number }>(
        `select (select count(*) from inbound_message where id > $1 and key = $2)::int as consumed, (select count(*) from outbox_event where status = 'PENDING')::int as pending`,
        [before, demoKey],
      );
      const { consumed, pending } = rows[0] ?? { consumed: 0, pending: 0 };
      if (consumed >= files.length && pending === 0) return true;
      if (Date.now() - lastReport > 5000) {
        lastReport = Date.now();
        say(`  ${consumed}/${files.length} consumed; the hub's group is ${await lag(kafkaAdmin, env.KAFKA_GROUP_ID || 'ereceipt-hub', Object.values(topicFor))} messages behind on the bank topics (older traffic first) ...`);
      }
      return false;
    }, `the ${files.length} bank files to be consumed`, 300);

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
    const after = await api<OrderView>('GET', `/orders/${order.orderNo}`, sellerToken);

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
    const report = await api<ReportView>('GET', `/reports/reconciliation?from=${today}&to=${today}&format=json`, finance);
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
    say(`  finance console       ${base}/console  (log in with the finance token below)`);
    say(`  finance token         ${finance}`);
    say(`  the report as XLSX    curl -H 'Authorization: Bearer ${finance}' -o recon.xlsx '${base}/api/v1/reports/reconciliation?from=${today}&to=${today}&format=xlsx'`);
    say(`  replay matching       npx ereceipt matching replay --from ${today} --to ${today} --rules samples/matching-rules.strict.json   (dry run: what stricter rules would change)`);
    say(`  the buyer's page      ${link}`);
    say(`  the reminder e-mail   ${caught.file}.html`);
    say(`  API docs (OpenAPI)    ${base}/api/docs`);
    say(`  readiness             ${base}/health/ready`);
    say(`  Prometheus metrics    ${base}/metrics`);
    say(`  remittances (API)     curl -H 'Authorization: Bearer ${finance}' ${base}/api/v1/remittances`);
    say(`  the order (API)       curl -H 'Authorization: Bearer ${sellerToken}' ${base}/api/v1/orders/${order.orderNo}`);
    say('  parse a file          npx ereceipt parse samples/mt103-bad-amount.fin   (exit 1, FILE:LINE: reason on stderr)');
    say('  dead letters          topic bank.remittance.mt103.dlq, with error-code / error-message headers');
    say(`  hub log               ${logFile}`);
    say('  run it again: a new seller and order; the sample bank files are recognised as duplicates, nothing is stored twice.');
    finished = true;
    // Only the hub and the mail catcher stay up.
    await Promise.allSettled([res.db.end(), res.producer.disconnect(), res.admin.disconnect()]);
    res.db = null;
    res.producer = null;
    res.admin = null;
    if (options.once) {
      await res.close();
      return 0;
    }
    say(`\nthe hub (pid ${hub.pid}, ${base}) and the mail catcher (smtp://127.0.0.1:${catcher.port}) keep running; Ctrl+C (SIGINT) or SIGTERM stops both.`);
    const code = await hub.exited;
    await halted();
    say(`the hub exited (${code}); see ${logFile}`);
    await res.close();
    return code === 0 ? 0 : 1;
  } catch (e) {
    await res.close();
    // Stopping the hub on a signal fails whatever waited for it: the signal handler sets the exit code.
    await halted();
    throw new Error(`demo failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** Messages the hub's consumer group has not committed yet on `topics`. */
async function lag(admin: Admin, groupId: string, topics: string[]): Promise<string> {
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
