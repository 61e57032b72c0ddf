import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import type { CanonicalRemittance } from '@ereceipt/contracts';
import { OutboxWriter } from '@ereceipt/messaging';
import { ormOptions } from '@ereceipt/persistence';
import { freshDatabase } from '@ereceipt/testing';
import { hubEntities } from '@ereceipt/testing/entities';
import { RecordRemittance, type WireToRecord } from './record-remittance.usecase';
import { type GoldenCase, goldenCases, type GoldenOutcome } from '../test/identity/golden';

/** RecordRemittance.executeMany on real PostgreSQL: copies found in the table and within the batch by the same rules. */
describe('RecordRemittance.executeMany (PostgreSQL)', () => {
  let orm: MikroORM;
  const wire = (over: Partial<CanonicalRemittance>): CanonicalRemittance => ({
    source: 'mt103', messageRef: `REF-${randomUUID().slice(0, 8)}`, uetr: randomUUID(), endToEndId: null, senderBic: 'BANKUS33XXX', valueDate: '2026-12-07', currency: 'USD', amount: '100.00',
    instructedAmount: null, chargeBearer: 'SHA', chargesDeducted: [], payer: { name: 'ACME TRADING LLC', account: 'US12345678', address: [], bic: null },
    beneficiary: { name: 'NINGBO EXAMPLE CO LTD', account: 'VA-1' }, remittanceInfo: null, references: [], relatedReference: null, possibleDuplicate: false, ...over,
  });
  const toRecord = (remittances: CanonicalRemittance[]): WireToRecord[] =>
    remittances.map((remittance, index) => ({ parsed: { remittance, location: { index, line: index + 1, raw: 'raw' } }, provenance: { inboundMessageId: '1', channel: 'kafka', topic: 't', partition: 0, offset: '1', fileName: null } }));
  const record = (remittances: CanonicalRemittance[]) =>
    orm.em.fork().transactional(async (em) => {
      const outbox = OutboxWriter.buffered(em);
      const results = await new RecordRemittance(em, outbox).executeMany(toRecord(remittances));
      await outbox.flush();
      return results;
    });

  beforeAll(async () => {
    const db = await freshDatabase('recordmany');
    await db.pool.end();
    orm = await MikroORM.init(ormOptions({ databaseUrl: db.url, dbPoolMax: 4 }, hubEntities));
  });

  afterAll(async () => orm?.close());

  it('links copies within one batch to the first wire, by UETR, EndToEndId with amount (1.50 = 1.5), or fingerprint', async () => {
    const a = wire({});
    const b = wire({ uetr: null, endToEndId: 'E2E-B', amount: '1.50' });
    const c = wire({ uetr: null, messageRef: 'SAME-REF' });
    const results = await record([a, { ...a, messageRef: 'OTHER' }, b, { ...b, messageRef: 'B2', amount: '1.5' }, c, { ...c }, wire({})]);
    expect(results.map((r) => r.status)).toEqual(['recorded', 'duplicate', 'recorded', 'duplicate', 'recorded', 'duplicate', 'recorded']);
    expect(results[1]).toMatchObject({ duplicateOf: results[0].id });
    expect(results[3]).toMatchObject({ duplicateOf: results[2].id });
    expect(results[5]).toMatchObject({ duplicateOf: results[4].id });
    const events = await orm.em.fork().execute<Array<{ key: string }>>(`select key from outbox_event where type = 'ereceipt.remittance.received.v1' order by seq`);
    expect(events.map((e) => e.key)).toEqual([results[0].id, results[2].id, results[4].id, results[6].id]);
  });

  it('links a wire to an original stored by an earlier batch, preferring the UETR match', async () => {
    const [first] = await record([wire({ uetr: null, endToEndId: 'E2E-X', messageRef: 'X-1' })]);
    const [byUetr] = await record([wire({ messageRef: 'X-2', endToEndId: 'E2E-Y' })]);
    const uetr = (await orm.em.fork().execute<Array<{ uetr: string }>>(`select uetr from remittance where id = ?`, [byUetr.id]))[0].uetr;
    // Same EndToEndId and amount as `first`, same UETR as `byUetr`: the UETR wins, as in the one-wire lookup.
    const [copy] = await record([wire({ uetr: uetr.toUpperCase(), endToEndId: 'E2E-X', messageRef: 'X-3' })]);
    expect(copy).toEqual({ status: 'duplicate', id: expect.any(String), duplicateOf: byUetr.id });
    expect(first.status).toBe('recorded');
  });

  describe('golden identity cases (issue #16), on PostgreSQL', () => {
    let cases: GoldenCase[];
    beforeAll(async () => {
      cases = await goldenCases();
    });

    /** Records the case's wires (with fresh UETRs, so cases and runs never meet) in the given batches; reads back what became of each. */
    const play = async (c: GoldenCase, batching: 'file by file' | 'one batch'): Promise<GoldenOutcome[]> => {
      const uetrs = new Map<string, string>();
      const fresh = (u: string | null) => (u ? (uetrs.get(u) ?? uetrs.set(u, randomUUID()).get(u)!) : null);
      const run = randomUUID().slice(0, 6);
      const wires = c.files.map((f) => f.wires.map((w) => ({ name: w.name, remittance: { ...w.remittance, uetr: fresh(w.remittance.uetr), messageRef: `${w.remittance.messageRef}-${run}` } })));
      const batches = batching === 'one batch' ? [wires.flat()] : wires;
      const ids = new Map<string, string>();
      for (const batch of batches) {
        const results = await record(batch.map((w) => w.remittance));
        batch.forEach((w, i) => ids.set(results[i].id, w.name));
      }
      const rows = await orm.em.fork().execute<Array<{ id: string; status: string; duplicate_of: string | null; conflicts_with: string | null; identity_note: string | null; charges_explained: { currency: string; amount: string } | null }>>(
        `select id, status, duplicate_of, conflicts_with, identity_note, charges_explained from remittance where id = any(?::uuid[])`,
        [`{${[...ids.keys()].join(',')}}`],
      );
      const events = await orm.em.fork().execute<Array<{ key: string; status: string }>>(
        `select key, payload->>'status' as status from outbox_event where type = 'ereceipt.remittance.received.v1' and key = any(?::text[])`,
        [`{${[...ids.keys()].join(',')}}`],
      );
      const received = new Map(events.map((e) => [e.key, e.status]));
      return [...ids.entries()].map(([id, name]) => {
        const r = rows.find((x) => x.id === id)!;
        if (r.status === 'DUPLICATE') {
          expect(received.has(id)).toBe(false);
          return { wire: name, outcome: 'duplicate' as const, of: ids.get(r.duplicate_of!), charge: r.charges_explained, note: r.identity_note };
        }
        if (r.status === 'IDENTITY_CONFLICT') {
          // Its own remittance: received (for downstream), linked, never a copy.
          expect({ received: received.get(id), duplicateOf: r.duplicate_of }).toEqual({ received: 'IDENTITY_CONFLICT', duplicateOf: null });
          return { wire: name, outcome: 'conflict' as const, of: ids.get(r.conflicts_with!), note: r.identity_note?.replace(/-[0-9a-f]{6}\b/g, '') };
        }
        expect({ status: r.status, received: received.get(id) }).toEqual({ status: 'PENDING_ASSOCIATION', received: 'PENDING_ASSOCIATION' });
        return { wire: name, outcome: 'original' as const };
      });
    };

    it.each([['mt103-then-camt054'], ['gpi-two-hops'], ['reused-uetr']])('%s, file by file and all in one batch', async (name) => {
      const c = cases.find((g) => g.name === name)!;
      expect(await play(c, 'file by file')).toEqual(c.expected);
      expect(await play(c, 'one batch')).toEqual(c.expected);
    });
  });
});

