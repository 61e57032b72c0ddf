import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { NO_AGENTS } from '@ereceipt/contracts';
import { ormOptions } from '@ereceipt/persistence';
import { freshDatabase } from '@ereceipt/testing';
import { hubEntities } from '@ereceipt/testing/entities';
import { insertRemittances, type NewRemittanceRow } from './remittance.repository';
import { RemittanceEntity } from './remittance.entity';

/**
 * The prepared `unnest` insert against the ORM's own insert as the oracle: the same rows written
 * both ways read back equal through the entity, field by field (nulls, json, decimals, unicode).
 */
describe('insertRemittances (PostgreSQL, against MikroORM insertMany)', () => {
  let orm: MikroORM;

  beforeAll(async () => {
    const db = await freshDatabase('remrepo');
    await db.pool.end();
    orm = await MikroORM.init(ormOptions({ databaseUrl: db.url, dbPoolMax: 2 }, hubEntities));
  });

  afterAll(async () => orm?.close());

  const row = (i: number, over: Partial<NewRemittanceRow> = {}): NewRemittanceRow => ({
    id: randomUUID(),
    source: i % 2 === 0 ? 'mt103' : 'camt054',
    messageRef: `REF-"${i}'\\{x}`,
    uetr: i % 3 === 0 ? null : randomUUID(),
    endToEndId: i % 2 === 0 ? null : `E2E,${i}`,
    senderBic: 'BANKUS33XXX',
    valueDate: '2026-02-28',
    currency: 'EUR',
    amount: i === 1 ? '123456789012345.123456789' : '0.10',
    instructedAmount: i % 2 === 0 ? null : { currency: 'USD', amount: '12.30' },
    chargeBearer: i % 2 === 0 ? null : 'SHA',
    chargesDeducted: i % 2 === 0 ? [] : [{ currency: 'EUR', amount: '1.5' }],
    payerName: i % 4 === 0 ? null : 'Müller & Søn "ÅB" {1,2}',
    payerAccount: 'DE89370400440532013000',
    payerAddress: ['Straße 1', 'NULL', ''],
    payerBic: null,
    beneficiaryName: '宁波示例有限公司',
    beneficiaryAccount: `VA-${i}`,
    remittanceInfo: i % 2 === 0 ? null : 'INV 1\nINV 2\t"x"',
    references: ['INV-1', 'a"b'],
    relatedReference: null,
    possibleDuplicate: i % 2 === 1,
    irregularities: [],
    details: i % 2 === 0 ? null : { payerIdentifier: null, typedReferences: [], agents: NO_AGENTS, instructions: [] },
    fingerprint: `fp-${randomUUID()}`,
    duplicateOf: null,
    conflictsWith: null,
    identityNote: i % 2 === 0 ? null : 'note',
    chargesExplained: i % 2 === 0 ? null : { currency: 'EUR', amount: '0.01' },
    sellerId: i % 2 === 0 ? null : randomUUID(),
    status: i % 2 === 0 ? 'PENDING_ASSOCIATION' : 'IDENTITY_CONFLICT',
    inboundMessageId: String(9_000_000_000 + i),
    channel: i % 2 === 0 ? 'kafka' : 'http',
    fileName: i % 2 === 0 ? null : 'file.xml',
    sourceIndex: i,
    sourceLine: i + 1,
    raw: `:20:REF${i}\r\n:32A:...`,
    ...over,
  });

  it('stores every column as the ORM does', async () => {
    const receivedAt = new Date('2026-12-07T10:11:12.345Z');
    const ours = [0, 1, 2, 3, 4, 5].map((i) => row(i));
    const theirs = ours.map((r) => ({ ...r, id: randomUUID(), fingerprint: `${r.fingerprint}-orm`, uetr: r.uetr === null ? null : randomUUID(), receivedAt }));
    await orm.em.fork().transactional(async (em) => {
      await insertRemittances(em, receivedAt, ours);
      await em.insertMany(RemittanceEntity, theirs);
    });
    const read = await orm.em.fork().find(RemittanceEntity, {}, { orderBy: { sourceIndex: 'asc', fingerprint: 'asc' } });
    expect(read).toHaveLength(12);
    const strip = (e: RemittanceEntity) => ({ ...e, id: undefined, fingerprint: e.fingerprint.replace(/-orm$/, ''), uetr: e.uetr === null ? null : 'set' });
    for (let i = 0; i < ours.length; i++) {
      const [a, b] = read.filter((e) => e.sourceIndex === i);
      expect(strip(a)).toEqual(strip(b));
      expect(a.receivedAt.toISOString()).toBe(receivedAt.toISOString());
    }
  });

  it('fails with unique_violation (23505) when an original is stored twice', async () => {
    const r = row(1);
    await orm.em.fork().transactional((em) => insertRemittances(em, new Date(), [r]));
    await expect(orm.em.fork().transactional((em) => insertRemittances(em, new Date(), [{ ...r, id: randomUUID() }]))).rejects.toMatchObject({ code: '23505' });
  });
});
