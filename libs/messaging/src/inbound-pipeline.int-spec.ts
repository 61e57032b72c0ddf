import { MikroORM } from '@mikro-orm/postgresql';
import { DomainError, TransientError } from '@ereceipt/contracts';
import { ormOptions } from '@ereceipt/persistence';
import { freshDatabase } from '@ereceipt/testing';
import { hubEntities } from '@ereceipt/testing/entities';
import type { InboundHandler } from './inbound-handler';
import { processRecords } from './inbound-pipeline';
import type { InboundRecord } from './inbound-record';

/** The pipeline on real PostgreSQL: archive, dedupe, savepoint per message, DLQ through the outbox. */
describe('processRecords (PostgreSQL)', () => {
  let orm: MikroORM;
  let offset = 0;
  const record = (value: string, key = 'k'): InboundRecord => ({ channel: 'kafka', topic: 'bank.remittance.mt103', partition: 0, offset: String(offset++), key, headers: { 'source-bank': 'TEST' }, value: Buffer.from(value) });
  const seen: string[] = [];
  const handler: InboundHandler = {
    topic: 'bank.remittance.mt103',
    async handle(ctx) {
      const text = ctx.record.value.toString();
      if (text === 'poison') throw new DomainError('TEST.POISON', 'this message can never be used');
      if (text === 'flaky') throw new TransientError('database hiccup');
      await ctx.em.execute(`insert into api_token (id, name, role, token_hash, created_at) values (gen_random_uuid(), ?, 'admin', md5(?) || md5(?), now())`, [text, text, text]);
      seen.push(text);
    },
  };
  const options = { consumer: 'int-test', handlerFor: () => handler };
  const count = async (sql: string) => (await orm.em.fork().execute<Array<{ n: number }>>(sql))[0].n;

  beforeAll(async () => {
    const db = await freshDatabase('pipeline');
    await db.pool.end();
    orm = await MikroORM.init(ormOptions({ databaseUrl: db.url, dbPoolMax: 4 }, hubEntities));
  });

  afterAll(async () => orm?.close());

  it('archives, dedupes and applies each message once', async () => {
    const outcomes = await processRecords(orm.em.fork(), [record('a'), record('b'), record('a')], options);
    expect(outcomes.map((o) => o.status)).toEqual(['processed', 'processed', 'duplicate']);
    expect(seen).toEqual(['a', 'b']);
    expect(await count(`select count(*)::int as n from inbound_message`)).toBe(3);
    expect(await count(`select count(*)::int as n from api_token`)).toBe(2);
  });

  it('treats a redelivered Kafka position as already done (crash after commit, before the offset commit)', async () => {
    const r = record('c');
    await processRecords(orm.em.fork(), [r], options);
    const again = await processRecords(orm.em.fork(), [r], options);
    expect(again).toEqual([{ status: 'duplicate', inboundMessageId: null }]);
    expect(seen.filter((s) => s === 'c')).toHaveLength(1);
  });

  it('dead-letters a poison message through the outbox, rolling back only its own effects', async () => {
    const outcomes = await processRecords(orm.em.fork(), [record('poison', 'p'), record('d')], options);
    expect(outcomes[0]).toMatchObject({ status: 'dead-lettered', code: 'TEST.POISON' });
    expect(outcomes[1]).toMatchObject({ status: 'processed' });
    const dlq = await orm.em.fork().execute<Array<{ topic: string; key: string; headers: Record<string, string>; value: Buffer }>>(`select topic, key, headers, value from outbox_event where kind = 'raw'`);
    expect(dlq).toHaveLength(1);
    expect(dlq[0]).toMatchObject({ topic: 'bank.remittance.mt103.dlq', key: 'p', headers: { 'source-bank': 'TEST', 'error-code': 'TEST.POISON', 'error-message': 'this message can never be used', 'original-topic': 'bank.remittance.mt103', 'original-partition': '0' } });
    expect(dlq[0].value.toString()).toBe('poison');
    // The dedupe row was rolled back with the savepoint, so a fixed re-send is not mistaken for a duplicate.
    expect(await count(`select count(*)::int as n from processed_message where dedupe_key like 'sha256:%' and inbound_message_id = (select id from inbound_message where status = 'DEAD_LETTERED')`)).toBe(0);
  });

  it('rolls the whole batch back on a transient error, so nothing is half-applied', async () => {
    const before = await count(`select count(*)::int as n from inbound_message`);
    await expect(processRecords(orm.em.fork(), [record('e'), record('flaky')], options)).rejects.toBeInstanceOf(TransientError);
    expect(await count(`select count(*)::int as n from inbound_message`)).toBe(before);
    expect(await count(`select count(*)::int as n from api_token where name = 'e'`)).toBe(0);
  });
});
