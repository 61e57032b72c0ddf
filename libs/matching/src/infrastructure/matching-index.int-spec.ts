import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { CanonicalRemittance } from '@ereceipt/contracts';
import { hubEntities } from '@ereceipt/testing/entities';
import { OutboxWriter } from '@ereceipt/messaging';
import { RecordRemittance, RemittanceHooks } from '@ereceipt/remittances';
import { MatchRemittance } from '../match-remittance.usecase';
import { matchingStage } from '../matching.stage';
import { MatchingWorld } from '../testing/matching-world';
import { randomWires as drawWires, type RandomWorld, seedRandomWorld } from '../testing/random-world';
import { retrieveCandidatesForBatch } from './batch-retrieval';
import { BatchCandidatesRepository } from './batch-candidates.repository';
import type { RetrievalLimits } from './matching-context.loader';
import { MatchingIndex } from './matching-index';

/**
 * Issue 15: the in-memory matching index against the set-based statements it replaces
 * (batch-retrieval.ts, itself held equal to the per-wire retrieval and to a brute-force scan by
 * batch-retrieval.int-spec.ts), on a random world in PostgreSQL with low limits so that most wires
 * take the narrowed path:
 *  - freshly loaded, it gives every wire the same context, field for field;
 *  - after batches that associated wires (its copies updated as they went), still the same;
 *  - after a change by another transaction, or a batch whose transaction rolled back, it loads the
 *    seller again instead of answering from its copy.
 */
describe('matching index (PostgreSQL, random world)', () => {
  let world: MatchingWorld;
  let orm: MikroORM;
  let random: RandomWorld;
  const limits: RetrievalLimits = { openOrdersCap: 12, narrowedLimit: 4, buyerOrdersLimit: 30 };
  const uetrs = ['0b1c6a4e-7d0e-4a53-9d6b-8a1f2c3d4e5f', '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a'];

  beforeAll(async () => {
    world = await MatchingWorld.create('matching_index', hubEntities);
    orm = world.orm;
    random = await seedRandomWorld(world, 151, 60, 20);
  }, 120_000);

  afterAll(async () => world?.close());

  const randomWires = (seed: number, n: number) => drawWires(random, seed, n, uetrs);

  /** Index and statements over the same wires, in one transaction (the index prepared after the sellers are known, as the hub does). */
  async function compare(index: MatchingIndex, wires: CanonicalRemittance[]): Promise<void> {
    await orm.em.fork().transactional(async (em: EntityManager) => {
      const sellers = await new BatchCandidatesRepository(em).sellersOfAccounts([...new Set(wires.map((w) => w.beneficiary.account as string))]);
      await index.prepare(em, [...sellers.values()]);
      const fromIndex = index.retrieve(wires, sellers, null, limits);
      const fromSql = await retrieveCandidatesForBatch(em, wires, null, limits, sellers);
      for (const [i] of wires.entries()) expect({ i, ...fromIndex[i] }).toEqual({ i, ...fromSql[i] });
      await index.finish(em, [...sellers.values()]);
    });
  }

  /** Records and matches wires as the inbound batch does (one transaction, matching as a hook), through `match` (and its index). */
  async function matchBatch(match: MatchRemittance, wires: CanonicalRemittance[], rollback = false): Promise<void> {
    const hooks = new RemittanceHooks();
    const failures: string[] = [];
    hooks.register(matchingStage(orm, match, { error: (m: string) => failures.push(m) }));
    const run = orm.em.fork().transactional(async (em) => {
      const outbox = OutboxWriter.buffered(em);
      await new RecordRemittance(em, outbox, hooks).executeMany(
        wires.map((remittance, index) => ({ parsed: { remittance, location: { index, line: index + 1, raw: 'raw' } }, provenance: { inboundMessageId: '1', channel: 'http' as const, topic: null, partition: null, offset: null, fileName: null } })),
      );
      await outbox.flush();
      if (rollback) throw new Error('rolled back on purpose');
    });
    if (rollback) await expect(run).rejects.toThrow('rolled back on purpose');
    else await run;
    expect(failures).toEqual([]);
  }

  it('gives every wire the context the set-based statements give it', async () => {
    await compare(new MatchingIndex(), randomWires(1, 300));
  }, 120_000);

  it('stays exact through batches that associate wires, and is not loaded again for them', async () => {
    const index = new MatchingIndex();
    const match = new MatchRemittance(index);
    for (let round = 0; round < 4; round++) await matchBatch(match, randomWires(10 + round, 40));
    const loads = index.stats.loads;
    expect(index.stats.hits).toBeGreaterThan(0);
    await compare(index, randomWires(2, 300));
    // The copies the batches left were confirmed at the versions they committed: no seller loaded again.
    expect(index.stats.loads).toBe(loads);
    const orders = await orm.em.fork().execute<Array<{ n: string }>>(`select count(*)::text as n from association_allocation`);
    expect(Number(orders[0].n)).toBeGreaterThan(0);
  }, 180_000);

  it('stays exact when bounded below the open orders it is asked for (sellers dropped and loaded again)', async () => {
    const index = new MatchingIndex({ maxOrders: 10 });
    const match = new MatchRemittance(index);
    // One seller, then the other: the first is dropped to make room (never one a batch is deciding).
    await compare(index, randomWires(20, 100).filter((w) => w.beneficiary.account === world.va));
    await compare(index, randomWires(23, 100).filter((w) => w.beneficiary.account === random.otherVa));
    expect(index.stats.dropped).toBeGreaterThan(0);
    await matchBatch(match, randomWires(21, 40));
    await compare(index, randomWires(22, 300));
  }, 120_000);

  it('loads a seller again after another transaction changed one of its orders', async () => {
    const index = new MatchingIndex();
    await compare(index, randomWires(3, 50));
    const loads = index.stats.loads;
    // Another writer (not matching, no matching lock): cancels an open order of the seller.
    const [victim] = await orm.em.fork().execute<Array<{ order_no: string }>>(
      `select order_no from ereceipt_order where seller_id = ? and lifecycle_status in ('SUBMITTED', 'CONFIRMED') and payment_status <> 'PAID' order by order_no limit 1`,
      [world.sellerId],
    );
    await orm.em.fork().execute(`update ereceipt_order set lifecycle_status = 'CANCELLED' where order_no = ?`, [victim.order_no]);
    await compare(index, randomWires(4, 300));
    expect(index.stats.loads).toBe(loads + 1);
  }, 120_000);

  it('does not confirm a copy that another transaction changed while the batch ran', async () => {
    const index = new MatchingIndex();
    await compare(index, randomWires(7, 50));
    const [victim] = await orm.em.fork().execute<Array<{ order_no: string }>>(
      `select order_no from ereceipt_order where seller_id = ? and lifecycle_status in ('SUBMITTED', 'CONFIRMED') and payment_status <> 'PAID' order by order_no desc limit 1`,
      [world.sellerId],
    );
    await orm.em.fork().transactional(async (em) => {
      await index.prepare(em, [world.sellerId]);
      // Committed by someone else between the batch's start and its end.
      await orm.em.fork().execute(`update ereceipt_order set lifecycle_status = 'CANCELLED' where order_no = ?`, [victim.order_no]);
      await index.finish(em, [world.sellerId]);
    });
    await compare(index, randomWires(8, 300));
  }, 120_000);

  it('does not trust its copy after a batch whose transaction rolled back', async () => {
    const index = new MatchingIndex();
    const match = new MatchRemittance(index);
    await matchBatch(match, randomWires(5, 40), true);
    const loads = index.stats.loads;
    await compare(index, randomWires(6, 300));
    expect(index.stats.loads).toBeGreaterThan(loads);
  }, 120_000);
});
