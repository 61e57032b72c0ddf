import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { addAmounts } from '@ereceipt/money';
import { buildMt103, dropDatabase, freshDatabase, HubProcess, waitFor } from '@ereceipt/testing';
import { inboundTopics } from '@ereceipt/contracts';
import { apiClient, createToken } from '../support/hub-api';
import { groupAtTheEnd, producer } from '../support/kafka-tap';

const CLI = join(__dirname, '..', '..', 'bin', 'ereceipt.js');
const KILL_DELAYS_MS = [0, 5, 15, 40, 100, 250];

/**
 * Issue #7: kill -9 around creating a withdrawal and around processing its bank result. Each
 * withdrawal request is cut by a SIGKILL after a different delay, the hub restarts and the seller
 * asks again; then the bank results arrive while the hub is killed twice, and are sent again. After
 * all that: one withdrawal per order, each result applied once (one ledger entry, one event), and
 * `ereceipt ledger verify` passes.
 */
describe('funds: kill -9 around withdrawals and their bank results (real hub, Kafka, PostgreSQL)', () => {
  let hub: HubProcess;
  let db: { url: string; pool: Pool };
  let kafka: Producer;
  const run = randomUUID().slice(0, 8).toUpperCase();
  const buyer = `OSPREY ${run.replace(/[0-9]/g, 'K')} HOLDINGS LLC`;
  const tokens = { admin: '', seller: '' };
  const yymmdd = new Date().toISOString().slice(2, 10).replace(/-/g, '');
  let va = '';
  const token = (role: string, seller?: string) => createToken(db.url, role, seller);
  const call = apiClient(() => hub.baseUrl, () => tokens.seller);
  const rows = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await db.pool.query<T>(sql, params)).rows;

  beforeAll(async () => {
    db = await freshDatabase(`funds_crash_${run.toLowerCase()}`);
    kafka = await producer();
    tokens.admin = token('admin');
    const groupId = `e2e-funds-crash-${run.toLowerCase()}`;
    await groupAtTheEnd(groupId);
    hub = await HubProcess.create('funds-crash', { DATABASE_URL: db.url, KAFKA_GROUP_ID: groupId, KAFKA_SESSION_TIMEOUT_MS: '6000' });
    await hub.start();
    const applied = await call('POST', '/sellers/applications', { legalName: 'OSPREY EXPORT CO LTD', customsCode: '3302961236', tradeMode: '0110', settlementCurrency: 'USD', currencies: ['USD'], contactEmail: 'f@osprey.example' }, tokens.admin);
    const sellerId = applied.body.sellerId as string;
    va = ((await call('POST', `/sellers/${sellerId}/approve`, undefined, tokens.admin)).body.collectionAccounts as Array<{ accountNumber: string }>)[0].accountNumber;
    tokens.seller = token('seller', sellerId);
  }, 300_000);

  afterAll(async () => {
    await hub?.stop();
    await kafka?.disconnect();
    await db?.pool.end();
    if (db) await dropDatabase(db.url);
  });

  it('one withdrawal per order and one effect per bank result, whatever instant the hub dies at', async () => {
    // Balances far above any wire of this run: only deposits are paid, so no order here becomes PAID and
    // publishes order.paid under an order number another suite's hub also uses (every hub numbers from 1).
    const orders: string[] = [];
    for (const [i] of KILL_DELAYS_MS.entries()) {
      const amount = `${100 + i}.00`;
      const drafted = await call('POST', '/orders', {
        buyer: { name: buyer, email: 'ap@osprey.example', country: 'US' }, currency: 'USD',
        lines: [{ name: 'Net', sku: null, hsCode: null, quantity: 1, unit: 'PCS', unitPrice: addAmounts('USD', amount, '90000.00') }],
        milestones: [{ kind: 'DEPOSIT', amount, dueDate: '2027-01-01', preShipment: true }, { kind: 'BALANCE', amount: '90000.00', dueDate: '2027-02-01', preShipment: false }],
        incoterm: 'FOB', expectedShipDate: '2027-01-20', exportMethod: 'SELF_EXPORT',
      });
      const orderNo = drafted.body.orderNo as string;
      expect((await call('POST', `/orders/${orderNo}/submit`)).status).toBe(200);
      await db.pool.query(`insert into payment_info_confirmation (order_id, order_no, confirmed_at, source_address, collection_account) select id, order_no, now(), '127.0.0.1', $1 from ereceipt_order where order_no = $2`, [va, orderNo]);
      await kafka.send({ topic: inboundTopics.bankMt103, messages: [{ key: run, value: buildMt103({ ref: `K9${i}-${run}`, valueDate: yymmdd, amount: amount.replace('.', ','), payerName: buyer, beneficiaryAccount: va, remittanceInfo: ['ORDER', orderNo] }) }] });
      orders.push(orderNo);
    }
    await waitFor(async () => (await rows(`select 1 from ledger_account where kind = 'CREDITED' and balance > 0`)).length === orders.length, 'every order credited', 120_000);

    // Withdrawal creation cut by SIGKILL after 0 .. 250 ms, then asked again on the restarted hub.
    const phases: string[] = [];
    for (const [i, delay] of KILL_DELAYS_MS.entries()) {
      const first = call('POST', `/orders/${orders[i]}/withdrawals`, {}).catch(() => null);
      await new Promise((r) => setTimeout(r, delay));
      await hub.kill();
      const cut = await first;
      await hub.start();
      const again = await call('POST', `/orders/${orders[i]}/withdrawals`, {});
      phases.push(`${delay} ms: first ${cut?.status ?? 'cut'}, again ${again.status}${again.status === 409 ? ` ${String(again.body.code)}` : ''}`);
      expect(again.status === 201 ? 'created' : again.body.code).toMatch(/^(created|FUNDS.WITHDRAWAL_IN_PROGRESS)$/);
      if (cut?.status === 201) expect(again.status).toBe(409);
    }
    const withdrawals = await rows<{ id: string; order_no: string; amount: string }>(`select id, order_no, amount::text as amount from withdrawal order by order_no`);
    expect(withdrawals.map((w) => w.order_no)).toEqual([...orders].sort());

    // Results while the hub dies twice, then every result again (a bank that re-sends).
    const results = withdrawals.map((w) => ({ key: w.id, value: JSON.stringify({ instructionId: w.id, status: 'COMPLETED', bankRef: `B-${w.order_no}`, executedAt: new Date().toISOString() }) }));
    await kafka.send({ topic: inboundTopics.bankTransferResults, messages: results.slice(0, 3) });
    await hub.kill();
    await kafka.send({ topic: inboundTopics.bankTransferResults, messages: results.slice(3) });
    await hub.start();
    await new Promise((r) => setTimeout(r, 150));
    await hub.kill();
    await hub.start();
    await kafka.send({ topic: inboundTopics.bankTransferResults, messages: results });
    await waitFor(async () => (await rows(`select 1 from withdrawal where status = 'COMPLETED'`)).length === withdrawals.length, `every withdrawal completed (${phases.join('; ')})`, 120_000);

    const completedEntries = await rows<{ withdrawal_id: string; n: number }>(`select withdrawal_id, count(*)::int as n from ledger_entry where kind = 'WITHDRAWAL_COMPLETED' group by withdrawal_id`);
    expect(completedEntries.map((e) => e.n)).toEqual(withdrawals.map(() => 1));
    const events = await rows<{ key: string; n: number }>(`select key, count(*)::int as n from outbox_event where type = 'ereceipt.withdrawal.completed.v1' group by key`);
    expect(events.map((e) => e.n)).toEqual(withdrawals.map(() => 1));
    const requested = await rows<{ n: number }>(`select count(*)::int as n from outbox_event where type = 'ereceipt.withdrawal.requested.v1'`);
    expect(requested[0].n).toBe(withdrawals.length);
    const out = spawnSync(process.execPath, [CLI, 'ledger', 'verify'], { env: { ...process.env, DATABASE_URL: db.url } });
    expect({ status: out.status, stdout: out.stdout.toString() }).toMatchObject({ status: 0, stdout: expect.stringContaining('ok:') });
    console.log(`funds crash test: ${phases.join('; ')}`);
  }, 900_000);
});
