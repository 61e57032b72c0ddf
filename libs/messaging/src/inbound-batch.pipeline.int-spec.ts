import { MikroORM } from '@mikro-orm/postgresql';
import { DomainError, TransientError } from '@ereceipt/contracts';
import { ormOptions } from '@ereceipt/persistence';
import { freshDatabase } from '@ereceipt/testing';
import { hubEntities } from '@ereceipt/testing/entities';
import type { InboundBatchHandler, InboundItemResult } from './inbound-handler';
import { processRecordsInBatch } from './inbound-batch.pipeline';
import type { InboundRecord } from './inbound-record';

/** The batched pipeline on real PostgreSQL: one transaction, multi-row archive/dedupe/status/outbox, poison isolated. */
describe('processRecordsInBatch (PostgreSQL)', () => {
  let orm: MikroORM;
  let offset = 0;
  const record = (value: string, key = 'k'): InboundRecord => ({ channel: 'kafka', topic: 'bank.remittance.mt103', partition: 0, offset: String(offset++), key, headers: { 'source-bank': 'TEST' }, value: Buffer.from(value) });
  const seen: string[] = [];
  let fallbacks = 0;
  const insert = async (em: Parameters<InboundBatchHandler['handle']>[0]['em'], text: string) => {
    await em.execute(`insert into api_token (id, name, role, token_hash, created_at) values (gen_random_uuid(), ?, 'admin', md5(?) || md5(?), now())`, [text, text, text]);
    seen.push(text);
  };
  const handler: InboundBatchHandler = {
    topic: 'bank.remittance.mt103',
    async handle(ctx) {
      const text = ctx.record.value.toString();
      if (text === 'poison') throw new DomainError('TEST.POISON', 'this message can never be used');
      if (text === 'bug') throw new DomainError('TEST.BUG', 'found one message at a time');
      await insert(ctx.em, text);
    },
    async handleBatch(ctx) {
      const results: InboundItemResult[] = [];
      for (const item of ctx.items) {
        const text = item.record.value.toString();
        if (text === 'poison') results.push({ ok: false, error: new DomainError('TEST.POISON', 'this message can never be used') });
        else if (text === 'flaky') throw new TransientError('database hiccup');
        else if (text === 'bug') throw new Error('a bug the batch cannot pin on one message');
        else if (text === 'partial') results.push({ ok: true, rejected: [{ code: 'TEST.PART', message: 'line 2 is bad' }] });
        else {
          await insert(ctx.em, text);
          results.push({ ok: true, rejected: [] });
        }
      }
      return results;
    },
  };
  const options = { consumer: 'int-batch', handlerFor: () => handler, onFallback: () => void fallbacks++ };
  const count = async (sql: string) => (await orm.em.fork().execute<Array<{ n: number }>>(sql))[0].n;

  beforeAll(async () => {
    const db = await freshDatabase('batchpipeline');
    await db.pool.end();
    orm = await MikroORM.init(ormOptions({ databaseUrl: db.url, dbPoolMax: 4 }, hubEntities));
  });

  afterAll(async () => orm?.close());

  it('archives, dedupes and applies a batch in one go; a repeated message is a duplicate', async () => {
    const outcomes = await processRecordsInBatch(orm.em.fork(), [record('a'), record('b'), record('a')], options);
    expect(outcomes.map((o) => o.status)).toEqual(['processed', 'processed', 'duplicate']);
    expect(seen).toEqual(['a', 'b']);
    expect(await count(`select count(*)::int as n from inbound_message where status = 'PROCESSED'`)).toBe(2);
    expect(await count(`select count(*)::int as n from inbound_message where status = 'DUPLICATE'`)).toBe(1);
    expect(fallbacks).toBe(0);
  });

  it('treats redelivered Kafka positions as already done', async () => {
    const batch = [record('c'), record('d')];
    await processRecordsInBatch(orm.em.fork(), batch, options);
    const again = await processRecordsInBatch(orm.em.fork(), batch, options);
    expect(again).toEqual([
      { status: 'duplicate', inboundMessageId: null },
      { status: 'duplicate', inboundMessageId: null },
    ]);
    expect(seen.filter((s) => s === 'c' || s === 'd')).toHaveLength(2);
  });

  it('dead-letters a poison message with its reason while its neighbours commit, in the same transaction', async () => {
    const outcomes = await processRecordsInBatch(orm.em.fork(), [record('e'), record('poison', 'p'), record('partial', 'q'), record('f')], options);
    expect(outcomes.map((o) => o.status)).toEqual(['processed', 'dead-lettered', 'processed', 'processed']);
    expect(outcomes[1]).toMatchObject({ code: 'TEST.POISON' });
    expect(outcomes[2]).toMatchObject({ rejected: { code: 'TEST.PART' } });
    expect(fallbacks).toBe(0);
    const dlq = await orm.em.fork().execute<Array<{ key: string; headers: Record<string, string>; value: Buffer }>>(`select key, headers, value from outbox_event where kind = 'raw' order by seq`);
    expect(dlq.map((d) => [d.key, d.headers['error-code'], d.value.toString()])).toEqual([
      ['p', 'TEST.POISON', 'poison'],
      ['q', 'TEST.PART', 'partial'],
    ]);
    expect(dlq[0].headers).toMatchObject({ 'error-message': 'this message can never be used', 'original-topic': 'bank.remittance.mt103', 'original-partition': '0' });
    // Its dedupe row is gone, so a fixed re-send is not mistaken for a duplicate.
    expect(await count(`select count(*)::int as n from processed_message where inbound_message_id = (select id from inbound_message where status = 'DEAD_LETTERED')`)).toBe(0);
  });

  it('goes through a batch again one savepoint per message when it fails for a reason it cannot pin on one message', async () => {
    const outcomes = await processRecordsInBatch(orm.em.fork(), [record('g'), record('bug', 'b'), record('h')], options);
    expect(fallbacks).toBe(1);
    expect(outcomes.map((o) => o.status)).toEqual(['processed', 'dead-lettered', 'processed']);
    // The first pass was rolled back: one row each.
    expect(await count(`select count(*)::int as n from api_token where name in ('g', 'h')`)).toBe(2);
  });

  it('rolls the whole batch back on a transient error, so nothing is half-applied', async () => {
    const before = await count(`select count(*)::int as n from inbound_message`);
    await expect(processRecordsInBatch(orm.em.fork(), [record('i'), record('flaky')], options)).rejects.toBeInstanceOf(TransientError);
    expect(await count(`select count(*)::int as n from inbound_message`)).toBe(before);
    expect(await count(`select count(*)::int as n from api_token where name = 'i'`)).toBe(0);
  });
});
