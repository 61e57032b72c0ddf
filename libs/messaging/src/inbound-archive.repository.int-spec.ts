import { createHash } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '@ereceipt/persistence';
import { freshDatabase } from '@ereceipt/testing';
import { hubEntities } from '@ereceipt/testing/entities';
import { archiveKafkaRecords, deleteDedupeKeys, insertDedupeKeys, setArchiveStatuses } from './inbound-archive.repository';
import type { InboundRecord } from './inbound-record';
import { OutboxWriter } from './outbox.writer';

/** The prepared `unnest` statements of the batched path on real PostgreSQL: bytes kept exactly, positions and keys deduplicated in order. */
describe('inbound archive and outbox statements (PostgreSQL)', () => {
  let orm: MikroORM;

  beforeAll(async () => {
    const db = await freshDatabase('archiverepo');
    await db.pool.end();
    orm = await MikroORM.init(ormOptions({ databaseUrl: db.url, dbPoolMax: 2 }, hubEntities));
  });

  afterAll(async () => orm?.close());

  const values = [Buffer.from([0xff, 0x00, 0xfe, 0x5c, 0x22, 0x27]), Buffer.alloc(0), Buffer.from('{1,2} "x" \\ é', 'utf8'), Buffer.from('ÿ', 'latin1')];
  const record = (offset: number, value: Buffer): InboundRecord => ({ channel: 'kafka', topic: 'bank.remittance.mt103', partition: 3, offset: String(offset), key: offset % 2 ? null : `k${offset}`, headers: { 'a"b': 'c\\d' }, value });

  it('archives each value byte for byte, once per Kafka position', async () => {
    const records = values.map((v, i) => record(100 + i, v));
    const first = await orm.em.fork().transactional((em) => archiveKafkaRecords(em, records));
    expect([...first.keys()].sort()).toEqual(['100', '101', '102', '103']);
    const again = await orm.em.fork().transactional((em) => archiveKafkaRecords(em, [record(103, values[3]), record(104, values[0])]));
    expect([...again.keys()]).toEqual(['104']);
    const rows = await orm.em.fork().execute<Array<{ offset: string; value: Buffer; sha256: string; size: number; headers: unknown; key: string | null; status: string }>>(
      `select "offset"::text as "offset", value, sha256, size, headers, key, status from inbound_message where partition = 3 order by "offset"`,
    );
    expect(rows).toHaveLength(5);
    rows.forEach((r, i) => {
      const expected = i < 4 ? values[i] : values[0];
      expect(Buffer.compare(r.value, expected)).toBe(0);
      expect(r.sha256).toBe(createHash('sha256').update(expected).digest('hex'));
      expect(r.size).toBe(expected.length);
      expect(r.headers).toEqual({ 'a"b': 'c\\d' });
      expect(r.status).toBe('RECEIVED');
      expect(r.key).toBe(Number(r.offset) % 2 ? null : `k${r.offset}`);
    });
    await orm.em.fork().transactional((em) => setArchiveStatuses(em, [{ id: first.get('100')!, status: 'DEAD_LETTERED', code: 'X.Y', message: 'bad "one"' }]));
    const [dead] = await orm.em.fork().execute<Array<{ status: string; error_code: string; error_message: string }>>(`select status, error_code, error_message from inbound_message where id = ?`, [first.get('100')]);
    expect(dead).toEqual({ status: 'DEAD_LETTERED', error_code: 'X.Y', error_message: 'bad "one"' });
  });

  it('keeps the first of equal dedupe keys, and forgets deleted ones', async () => {
    const fresh = await orm.em.fork().transactional((em) => insertDedupeKeys(em, 'c1', [{ id: '1', key: 'same' }, { id: '2', key: 'same' }, { id: '3', key: 'other' }]));
    expect([...fresh].sort()).toEqual(['1', '3']);
    await orm.em.fork().transactional((em) => deleteDedupeKeys(em, 'c1', ['1']));
    const again = await orm.em.fork().transactional((em) => insertDedupeKeys(em, 'c1', [{ id: '4', key: 'same' }, { id: '5', key: 'other' }]));
    expect([...again]).toEqual(['4']);
  });

  it('writes buffered outbox rows in append order with raw bytes exact and events as json', async () => {
    await orm.em.fork().transactional(async (em) => {
      const outbox = OutboxWriter.buffered(em);
      await outbox.appendRaw({ topic: 't.dlq', key: null, value: values[0], headers: { h: '1' } });
      await outbox.appendRaw({ topic: 't.dlq', key: 'k', value: values[1], headers: {} });
      await outbox.appendRaw({ topic: 't.dlq', key: 'k2', value: values[2], headers: {} });
      expect(await outbox.flush()).toBe(3);
    });
    const rows = await orm.em.fork().execute<Array<{ key: string; value: Buffer | null; headers: unknown; kind: string; status: string; payload: unknown }>>(`select key, value, headers, kind, status, payload from outbox_event where topic = 't.dlq' order by seq`);
    expect(rows.map((r) => r.key)).toEqual(['', 'k', 'k2']);
    rows.forEach((r, i) => expect(Buffer.compare(r.value!, values[i])).toBe(0));
    expect(rows[0]).toMatchObject({ headers: { h: '1' }, kind: 'raw', status: 'PENDING', payload: null });
  });
});
