import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { buildMt103, freshDatabase, HubProcess, REPO_ROOT, waitFor } from '@ereceipt/testing';
import { groupAtTheEnd, kafka, producer } from '../support/kafka-tap';
import { verifyAudit } from '../support/audit';
import { verifyLedger } from '../support/ledger';
import { verifyReplay } from '../support/replay';

const N = 1500;

/**
 * Issue #16 item 3: SIGTERM to a hub that is in the middle of a batch transaction. The batch in
 * hand must finish and commit (not roll back), its offsets must be committed (the group's offsets
 * cover exactly what the database holds: nothing to redo), the member must leave the group (with a
 * 60 s session, an empty group right after the exit can only come from a LeaveGroup), the process
 * must exit 0 with no error logged, and a restarted hub must finish the stream with one effect each.
 */
describe('graceful stop: SIGTERM in the middle of a batch', () => {
  let hub: HubProcess;
  let db: { url: string; pool: Pool };
  let kafkaProducer: Producer;
  const run = randomUUID().slice(0, 8).toUpperCase();
  const refs = Array.from({ length: N }, (_, i) => `GS-${run}-${String(i).padStart(4, '0')}`);
  const groupId = `e2e-graceful-stop-${run.toLowerCase()}`;
  const logFile = join(REPO_ROOT, 'artifacts', 'logs', `graceful-stop-${run}.log`);

  beforeAll(async () => {
    db = await freshDatabase('gracefulstop');
    kafkaProducer = await producer();
    await groupAtTheEnd(groupId);
    for (let i = 0; i < N; i += 500) {
      await kafkaProducer.send({ topic: 'bank.remittance.mt103', messages: refs.slice(i, i + 500).map((ref, j) => ({ key: `seller-${(i + j) % 12}`, value: buildMt103({ ref }) })) });
    }
    hub = await HubProcess.create('graceful-stop', { DATABASE_URL: db.url, KAFKA_GROUP_ID: groupId, INBOUND_BATCH_SIZE: '500', KAFKA_SESSION_TIMEOUT_MS: '60000', LOG_LEVEL: 'info' }, { logFile });
  });

  afterAll(async () => {
    await hub?.stop();
    await kafkaProducer?.disconnect();
    await db?.pool.end();
  });

  const stored = async () => (await db.pool.query<{ n: number }>(`select count(*)::int as n from remittance where message_ref like $1`, [`GS-${run}-%`])).rows[0].n;
  /** Another backend holds a write lock on `remittance`: a batch transaction has inserted wires and not ended. */
  const batchInFlight = async () =>
    (await db.pool.query(
      `select 1 from pg_locks l join pg_class c on c.oid = l.relation
        where c.relname = 'remittance' and l.mode = 'RowExclusiveLock' and l.pid <> pg_backend_pid()
          and l.database = (select oid from pg_database where datname = current_database())`,
    )).rowCount! > 0;

  it('finishes and commits the batch in hand, commits its offsets, leaves the group and exits 0', async () => {
    await hub.start();
    await waitFor(async () => (await stored()) > 0 && (await batchInFlight()), 'a batch transaction in flight after the first commit', 180_000, 5);
    const before = await stored();
    const code = await hub.stop();
    const after = await stored();
    expect(code).toBe(0);
    // The transaction in flight at SIGTERM committed: more wires than were visible then.
    expect(after).toBeGreaterThan(before);

    const admin = kafka().admin();
    await admin.connect();
    try {
      // Left the group: with a 60 s session the member would still be listed had it just died.
      const [group] = (await admin.describeGroups([groupId])).groups;
      expect({ state: group.state, members: group.members.length }).toEqual({ state: 'Empty', members: 0 });
      // Committed what it stored, no more and no less: per partition, the group's offset is one past the last archived message.
      const archived = await db.pool.query<{ topic: string; partition: number; next: string }>(
        `select topic, partition, (max("offset") + 1)::text as next from inbound_message where channel = 'kafka' group by topic, partition`,
      );
      const committed: Array<{ topic: string; partition: number; next: string | undefined }> = [];
      for (const row of archived.rows) {
        const [offsets] = await admin.fetchOffsets({ groupId, topics: [row.topic] });
        committed.push({ topic: row.topic, partition: row.partition, next: offsets.partitions.find((p) => p.partition === row.partition)?.offset });
      }
      expect(committed).toEqual(archived.rows);
    } finally {
      await admin.disconnect();
    }
    const log = readFileSync(logFile, 'utf8');
    expect(log).toMatch(/SIGTERM received: shutting down/);
    expect(log.split('\n').filter((l) => /"level":(50|60)/.test(l))).toEqual([]);

    // Restarted, it finishes the stream: one remittance and one received event per message.
    await hub.start();
    await waitFor(async () => (await stored()) === N, `all ${N} remittances stored after the restart`, 300_000, 250);
    const per = await db.pool.query<{ n: number }>(`select count(*)::int as n from remittance where message_ref like $1 group by message_ref having count(*) <> 1`, [`GS-${run}-%`]);
    expect(per.rows).toEqual([]);
    const events = await db.pool.query<{ n: number }>(`select count(*)::int as n from outbox_event where type = 'ereceipt.remittance.received.v1' and payload->>'messageRef' like $1`, [`GS-${run}-%`]);
    expect(events.rows[0].n).toBe(N);
    console.log(`graceful-stop test: SIGTERM with a batch in flight at ${before} stored, ${after} stored at exit (code ${code}); ${N} messages, 0 lost, 0 doubled`);
    expect(await hub.stop()).toBe(0);
  }, 600_000);

  it('a replay of every decision changes nothing; the ledger balances; every audit chain recomputes', () => {
    expect(verifyReplay(db.url)).toBeGreaterThanOrEqual(N);
    verifyLedger(db.url);
    expect(verifyAudit(db.url)).toBeGreaterThanOrEqual(0);
  });
});
