import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { loadConfig } from '@ereceipt/config';
import { MailOutboxWriterFactory, verifyLink } from '@ereceipt/notifications';
import { OrderEntity } from '@ereceipt/orders';
import { ormOptions } from '@ereceipt/persistence';
import { JobRegistry, runIfDue } from '@ereceipt/scheduling';
import { ApplySeller, DecideSeller } from '@ereceipt/sellers';
import { buildOrderInput, freshDatabase } from '@ereceipt/testing';
import { hubEntities } from '@ereceipt/testing/entities';
import { EvaluationQueries } from './evaluations.query';
import { EvaluationsModule, SCORE_RECOMPUTE_JOB } from './evaluations.module';
import { BuyerEvaluationQuery } from './buyer/buyer-evaluation.query';
import { InviteToEvaluate } from './invite-to-evaluate.usecase';
import { RecomputeSupplierScores } from './recompute-supplier-scores.usecase';
import { ReplyToEvaluation } from './reply-to-evaluation.usecase';
import { SubmitEvaluation } from './submit-evaluation.usecase';
import type { Ratings } from './evaluation-input.rules';

const SECRET = 'evaluations-int-spec-secret-0123456789';

/** Invitations, evaluations, replies and supplier scores on real PostgreSQL, with the clock passed in. */
describe('evaluations and supplier scores (PostgreSQL)', () => {
  let orm: MikroORM;
  let seq = 1000 + Math.floor(Math.random() * 1000);
  const config = loadConfig({ HUB_SECRET: SECRET, PUBLIC_URL: 'https://hub.example' });
  const admin: Principal = { tokenId: 'tok-admin', name: 'admin', role: 'admin', sellerId: null };
  const sql = <T>(q: string, params: unknown[] = []) => orm.em.fork().execute<T[]>(q, params);
  const at = (iso: string) => new Date(iso);
  const stars = (serviceAttitude: number, deliverySpeed: number, descriptionAccuracy: number): Ratings => ({ serviceAttitude, deliverySpeed, descriptionAccuracy });

  const invite = (orderNo: string, who: Principal, now: Date) => new InviteToEvaluate(orm, new MailOutboxWriterFactory(), config).execute(orderNo, who, now);
  const evaluate = (orderNo: string, ratings: Ratings, now: Date, comment: string | null = null) => new SubmitEvaluation(orm).execute(orderNo, { ratings, comment }, { address: '203.0.113.9' }, now);
  const recompute = (now: Date) => new RecomputeSupplierScores(orm).execute(now);
  const score = (sellerId: string) => new EvaluationQueries(orm).score(sellerId, admin);
  const scoreEvents = async (sellerId: string) =>
    (await sql<{ payload: Record<string, unknown> }>(`select payload from outbox_event where key = ? and type = 'ereceipt.supplier-score.updated.v1' order by seq`, [sellerId])).map((e) => e.payload);

  async function newSeller(name = 'NINGBO EXAMPLE CO LTD'): Promise<{ sellerId: string; principal: Principal }> {
    const applied = await new ApplySeller(orm).execute({ legalName: name, customsCode: '3302961234', tradeMode: '0110', currencies: ['USD'], contactEmail: 'finance@example.cn' });
    const sellerId = (await new DecideSeller(orm).approve(applied.sellerId)).sellerId;
    return { sellerId, principal: { tokenId: `tok-${sellerId.slice(0, 8)}`, name: 'seller', role: 'seller', sellerId } };
  }

  /** An order in its final state (completion is another engineer's use case; here it is data). */
  async function order(sellerId: string, completedAt: Date | null, buyerName = 'ACME TRADING LLC'): Promise<string> {
    const em = orm.em.fork();
    const input = buildOrderInput();
    const orderNo = `EO-2026-${String((seq += 1)).padStart(6, '0')}`;
    const now = new Date('2026-10-01T00:00:00Z');
    em.create(OrderEntity, {
      id: randomUUID(), orderNo, sellerId, externalOrderId: null, buyerName, buyerEmail: 'ap@acme.example', buyerCountry: 'US', currency: 'USD', total: '6200.00', paidAmount: completedAt ? '6200.00' : '0.00',
      lines: input.lines.map((l) => ({ ...l, sku: l.sku ?? null, hsCode: l.hsCode ?? null, lineTotal: '6200.00' })), milestones: input.milestones.map((m) => ({ ...m, paidAmount: '0.00' })),
      incoterm: 'FOB', expectedShipDate: '2026-12-20', exportMethod: 'SELF_EXPORT',
      lifecycleStatus: completedAt ? 'COMPLETED' : 'SUBMITTED', paymentStatus: completedAt ? 'PAID' : 'UNPAID', fulfilmentStatus: completedAt ? 'DELIVERED' : 'NOT_SHIPPED',
      cancelReason: null, createdAt: now, updatedAt: now, submittedAt: now, cancelledAt: null, completedAt,
    } as OrderEntity);
    await em.flush();
    return orderNo;
  }

  beforeAll(async () => {
    const db = await freshDatabase('evaluations');
    await db.pool.end();
    orm = await MikroORM.init(ormOptions({ databaseUrl: db.url, dbPoolMax: 6 }, hubEntities));
  });

  afterAll(async () => orm?.close());

  describe('invitations', () => {
    it('a completed order: one e-mail to the buyer with a signed evaluation link that opens this order only', async () => {
      const { sellerId, principal } = await newSeller('YIWU <CERAMICS> LTD');
      const orderNo = await order(sellerId, at('2026-11-01T15:30:00Z'), 'Acme & Sons');
      const sent = await invite(orderNo, principal, at('2026-11-03T10:00:00Z'));
      expect(sent).toEqual({ orderNo, seq: 1, to: 'ap@acme.example', queuedAt: '2026-11-03T10:00:00.000Z', linkExpiresAt: '2027-01-01T00:00:00.000Z', window: { opensOn: '2026-11-01', closesOn: '2026-12-01', open: true } });
      const [mail] = await sql<{ kind: string; to_address: string; subject: string; html: string; text: string; dedupe_key: string }>(`select * from mail_outbox where dedupe_key like ?`, [`evaluation-invitation:${orderNo}:%`]);
      expect(mail).toMatchObject({ kind: 'evaluation-invitation', to_address: 'ap@acme.example', dedupe_key: `evaluation-invitation:${orderNo}:1`, subject: `How was order ${orderNo}? YIWU <CERAMICS> LTD asks for your evaluation` });
      expect(mail.html).toContain('YIWU &lt;CERAMICS&gt; LTD');
      expect(mail.html).toContain('Acme &amp; Sons');
      expect(mail.text).toContain('until the end of 2026-12-01, UTC');
      const link = new URL(/https:\/\/hub\.example\/\S+/.exec(mail.text)![0]);
      expect(link.pathname).toBe(`/api/v1/buyer/orders/${orderNo}/evaluation`);
      const t = link.searchParams.get('t')!;
      expect(verifyLink(t, { purpose: 'evaluation', subject: orderNo, now: at('2026-11-03T10:00:00Z') }, SECRET)).toMatchObject({ ok: true });
      expect(verifyLink(t, { purpose: 'buyer-order', subject: orderNo, now: at('2026-11-03T10:00:00Z') }, SECRET)).toEqual({ ok: false, code: 'LINK.WRONG_PURPOSE' });
    });

    it('is rate-limited (429 with when) and capped (409); another seller cannot invite (404)', async () => {
      const { sellerId, principal } = await newSeller();
      const other = await newSeller('OTHER CO');
      const orderNo = await order(sellerId, at('2026-11-01T15:30:00Z'));
      await expect(invite(orderNo, other.principal, at('2026-11-02T10:00:00Z'))).rejects.toMatchObject({ code: 'ORDERS.NOT_FOUND', kind: 'not-found' });
      await invite(orderNo, principal, at('2026-11-02T10:00:00Z'));
      await expect(invite(orderNo, principal, at('2026-11-03T09:00:00Z'))).rejects.toMatchObject({
        code: 'EVALUATIONS.INVITATION_RATE_LIMITED',
        kind: 'too-many',
        details: { retryAfterSeconds: 3600, nextAllowedAt: '2026-11-03T10:00:00.000Z' },
      });
      expect((await invite(orderNo, admin, at('2026-11-03T10:00:00Z'))).seq).toBe(2);
      expect((await invite(orderNo, principal, at('2026-11-05T10:00:00Z'))).seq).toBe(3);
      await expect(invite(orderNo, principal, at('2026-11-20T10:00:00Z'))).rejects.toMatchObject({ code: 'EVALUATIONS.INVITATION_LIMIT', kind: 'conflict' });
      const rows = await sql<{ seq: number; requested_by: string }>(`select seq, requested_by from evaluation_invitation where order_no = ? order by seq`, [orderNo]);
      expect(rows).toEqual([
        { seq: 1, requested_by: principal.tokenId.replace(/^/, 'seller:') },
        { seq: 2, requested_by: 'admin:tok-admin' },
        { seq: 3, requested_by: principal.tokenId.replace(/^/, 'seller:') },
      ]);
    });

    it('only for a completed order, inside the window (day 30 yes, day 31 no), not after the evaluation', async () => {
      const { sellerId, principal } = await newSeller();
      const open = await order(sellerId, null);
      await expect(invite(open, principal, at('2026-11-03T10:00:00Z'))).rejects.toMatchObject({ code: 'EVALUATIONS.ORDER_NOT_COMPLETED', kind: 'conflict', message: `order ${open} is submitted; it can be evaluated once it is completed` });
      const day30 = await order(sellerId, at('2026-11-01T15:30:00Z'));
      expect((await invite(day30, principal, at('2026-12-01T23:59:59Z'))).seq).toBe(1);
      const day31 = await order(sellerId, at('2026-11-01T15:30:00Z'));
      await expect(invite(day31, principal, at('2026-12-02T00:00:00Z'))).rejects.toMatchObject({
        code: 'EVALUATIONS.WINDOW_CLOSED',
        kind: 'conflict',
        message: `order ${day31}: the evaluation window closed at the end of 2026-12-01 (UTC): evaluations are accepted for 30 days after the order completed on 2026-11-01`,
      });
      await evaluate(day30, stars(5, 5, 5), at('2026-12-01T23:59:59.999Z'));
      await expect(invite(day30, principal, at('2026-12-01T23:59:59.999Z'))).rejects.toMatchObject({ code: 'EVALUATIONS.ALREADY_EVALUATED' });
    });
  });

  describe('evaluations', () => {
    it('day 30 is accepted to its last millisecond (UTC); day 31 is refused with the reason', async () => {
      const { sellerId } = await newSeller();
      const a = await order(sellerId, at('2026-11-01T23:59:00Z'));
      const b = await order(sellerId, at('2026-11-01T00:00:00Z'));
      await expect(evaluate(a, stars(4, 4, 4), at('2026-12-01T23:59:59.999Z'))).resolves.toMatchObject({ orderNo: a });
      await expect(evaluate(b, stars(4, 4, 4), at('2026-12-02T00:00:00.000Z'))).rejects.toMatchObject({
        code: 'EVALUATIONS.WINDOW_CLOSED',
        kind: 'conflict',
        details: { completedAt: '2026-11-01T00:00:00.000Z', closesOn: '2026-12-01' },
      });
      const view = await new BuyerEvaluationQuery(orm).get(b, at('2027-01-01T00:00:00Z'), at('2026-12-02T00:00:00Z'));
      expect(view).toMatchObject({ canEvaluate: false, window: { opensOn: '2026-11-01', closesOn: '2026-12-01', open: false }, reason: expect.stringContaining('closed at the end of 2026-12-01') });
    });

    it('stores the comment as given, publishes evaluation.submitted, and refuses a second evaluation', async () => {
      const { sellerId } = await newSeller();
      const orderNo = await order(sellerId, at('2026-11-01T10:00:00Z'));
      const comment = '<script>alert("x")</script>\n  Good & fast 👍';
      const view = await evaluate(orderNo, stars(5, 4, 4), at('2026-11-05T10:00:00Z'), comment);
      expect(view).toMatchObject({ orderNo, sellerId, ratings: stars(5, 4, 4), overall: '4.33', comment, reply: null, submittedAt: '2026-11-05T10:00:00.000Z' });
      const [row] = await sql<{ comment: string; source_address: string }>(`select comment, source_address from evaluation where order_no = ?`, [orderNo]);
      expect(row).toEqual({ comment, source_address: '203.0.113.9' });
      const [event] = await sql<{ key: string; topic: string; payload: Record<string, unknown> }>(`select key, topic, payload from outbox_event where type = 'ereceipt.evaluation.submitted.v1' and payload->>'orderNo' = ?`, [orderNo]);
      expect(event).toEqual({ key: view.id, topic: 'hub.evaluations', payload: { evaluationId: view.id, orderNo, sellerId, ratings: stars(5, 4, 4), overall: '4.33', positive: true, comment, completedAt: '2026-11-01T10:00:00.000Z', submittedAt: '2026-11-05T10:00:00.000Z' } });
      await expect(evaluate(orderNo, stars(1, 1, 1), at('2026-11-06T10:00:00Z'))).rejects.toMatchObject({ code: 'EVALUATIONS.ALREADY_EVALUATED', kind: 'conflict', message: `order ${orderNo} was already evaluated on 2026-11-05; an order is evaluated once` });
    });

    it('three submissions of one order at the same instant: one evaluation, one score change', async () => {
      const { sellerId } = await newSeller();
      const orderNo = await order(sellerId, at('2026-11-01T10:00:00Z'));
      const results = await Promise.allSettled([1, 2, 3].map(() => evaluate(orderNo, stars(5, 5, 5), at('2026-11-02T10:00:00Z'))));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected').map((r) => (r).reason as { code: string }).map((e) => e.code)).toEqual(['EVALUATIONS.ALREADY_EVALUATED', 'EVALUATIONS.ALREADY_EVALUATED']);
      expect(await scoreEvents(sellerId)).toHaveLength(1);
    });

    it('the seller replies once (409 after); another seller sees no such evaluation', async () => {
      const { sellerId, principal } = await newSeller();
      const other = await newSeller('OTHER CO');
      const orderNo = await order(sellerId, at('2026-11-01T10:00:00Z'));
      const { id } = await evaluate(orderNo, stars(3, 2, 4), at('2026-11-02T10:00:00Z'));
      const reply = (who: Principal, text: string) => new ReplyToEvaluation(orm).execute(id, { text }, who, at('2026-11-03T08:00:00Z'));
      await expect(reply(other.principal, 'not mine')).rejects.toMatchObject({ code: 'EVALUATIONS.NOT_FOUND', kind: 'not-found' });
      await expect(reply(principal, '  ')).rejects.toMatchObject({ code: 'EVALUATIONS.INVALID', kind: 'invalid' });
      expect(await reply(principal, 'Sorry for the delay <b>!</b>')).toMatchObject({ id, reply: { text: 'Sorry for the delay <b>!</b>', repliedAt: '2026-11-03T08:00:00.000Z' } });
      await expect(reply(principal, 'again')).rejects.toMatchObject({ code: 'EVALUATIONS.ALREADY_REPLIED', kind: 'conflict' });
      const events = await sql<{ key: string; payload: Record<string, unknown> }>(`select key, payload from outbox_event where type = 'ereceipt.evaluation.replied.v1' and key = ?`, [id]);
      expect(events).toEqual([{ key: id, payload: { evaluationId: id, orderNo, sellerId, reply: 'Sorry for the delay <b>!</b>', repliedAt: '2026-11-03T08:00:00.000Z' } }]);
    });

    it('lists a supplier\'s evaluations newest first in keyset pages', async () => {
      const { sellerId, principal } = await newSeller();
      const orders = [];
      for (let i = 0; i < 5; i += 1) orders.push(await order(sellerId, at('2026-11-01T10:00:00Z')));
      for (const [i, o] of orders.entries()) await evaluate(o, stars(5, 5, (i % 5) + 1), at(`2026-11-0${i + 2}T10:00:00Z`));
      const q = new EvaluationQueries(orm);
      const first = await q.list(sellerId, { limit: 2 }, principal);
      const second = await q.list(sellerId, { limit: 2, cursor: first.nextCursor! }, principal);
      const third = await q.list(sellerId, { limit: 2, cursor: second.nextCursor! }, principal);
      expect([...first.items, ...second.items, ...third.items].map((e) => e.orderNo)).toEqual([...orders].reverse());
      expect(third.nextCursor).toBeNull();
      await expect(q.list(sellerId, {}, (await newSeller('OTHER CO')).principal)).rejects.toMatchObject({ code: 'EVALUATIONS.SUPPLIER_NOT_FOUND' });
      await expect(q.list(sellerId, { cursor: 'nope' }, principal)).rejects.toMatchObject({ code: 'EVALUATIONS.BAD_CURSOR' });
    });
  });

  describe('supplier score', () => {
    it('moves with each evaluation (exact averages, one event per change), and the daily recompute agrees and publishes nothing', async () => {
      const { sellerId } = await newSeller();
      expect(await score(sellerId)).toMatchObject({ version: 0, evaluationCount: 0, averages: null, positiveRate: null, updatedAt: null });
      const day = '2026-11-10';
      const given = [stars(5, 4, 4), stars(5, 5, 5), stars(3, 2, 4), stars(4, 5, 3)];
      for (const [i, r] of given.entries()) await evaluate(await order(sellerId, at('2026-11-01T10:00:00Z')), r, at(`${day}T0${i + 1}:00:00Z`));
      const expected = {
        sellerId,
        version: 4,
        evaluationCount: 4,
        averages: { serviceAttitude: '4.25', deliverySpeed: '4.00', descriptionAccuracy: '4.00', overall: '4.08' },
        window: { days: 180, from: '2026-05-15', asOf: day, evaluations: 4, positive: 3 },
        positiveRate: '0.7500',
        updatedAt: `${day}T04:00:00.000Z`,
      };
      expect(await score(sellerId)).toEqual(expected);
      const events = await scoreEvents(sellerId);
      expect(events.map((e) => [e.version, e.evaluationCount, e.reason])).toEqual([
        [1, 1, 'EVALUATION'],
        [2, 2, 'EVALUATION'],
        [3, 3, 'EVALUATION'],
        [4, 4, 'EVALUATION'],
      ]);
      expect(events[3]).toEqual({ ...expected, reason: 'EVALUATION' });
      const [stored] = await sql<Record<string, unknown>>(`select avg_service_attitude, avg_overall, positive_rate from supplier_score where seller_id = ?`, [sellerId]);
      expect(stored).toEqual({ avg_service_attitude: '4.25', avg_overall: '4.08', positive_rate: '0.7500' });

      // The recompute the same day and the next (nothing drops out): the same figures, no event.
      await recompute(at(`${day}T23:00:00Z`));
      await recompute(at('2026-11-11T00:10:00Z'));
      await recompute(at('2026-11-11T00:10:00Z'));
      expect(await scoreEvents(sellerId)).toHaveLength(4);
      expect(await score(sellerId)).toEqual({ ...expected, window: { ...expected.window, from: '2026-05-16', asOf: '2026-11-11' } });
    });

    it('the 180-day window moves: an evaluation counts through its day 179 and drops out on day 180; an event per change, then nothing', async () => {
      const { sellerId } = await newSeller();
      await evaluate(await order(sellerId, at('2026-01-05T10:00:00Z')), stars(5, 5, 5), at('2026-01-10T12:00:00Z'));
      await evaluate(await order(sellerId, at('2026-03-01T10:00:00Z')), stars(2, 3, 3), at('2026-03-02T12:00:00Z'));
      const averages = { serviceAttitude: '3.50', deliverySpeed: '4.00', descriptionAccuracy: '4.00', overall: '3.83' };
      // The second evaluation came on a later day: the window moved to 2026-03-02 (a recompute) and holds both.
      expect(await score(sellerId)).toMatchObject({ version: 2, averages, window: { from: '2025-09-04', asOf: '2026-03-02', evaluations: 2, positive: 1 }, positiveRate: '0.5000' });

      await recompute(at('2026-07-08T00:10:00Z')); // day 179 of 2026-01-10: still in
      expect(await scoreEvents(sellerId)).toHaveLength(2);
      expect(await score(sellerId)).toMatchObject({ version: 2, window: { from: '2026-01-10', asOf: '2026-07-08', evaluations: 2, positive: 1 } });

      const moved = await recompute(at('2026-07-09T00:10:00Z')); // day 180: out
      expect(moved).toMatchObject({ asOf: '2026-07-09', changed: 1, repaired: 0 });
      await recompute(at('2026-07-09T03:00:00Z')); // a retry the same day: nothing
      const events = await scoreEvents(sellerId);
      expect(events).toHaveLength(3);
      expect(events[2]).toEqual({
        sellerId,
        version: 3,
        evaluationCount: 2,
        averages,
        window: { days: 180, from: '2026-01-11', asOf: '2026-07-09', evaluations: 1, positive: 0 },
        positiveRate: '0.0000',
        reason: 'WINDOW_MOVED',
        updatedAt: '2026-07-09T00:10:00.000Z',
      });

      await recompute(at('2026-08-29T00:10:00Z')); // day 180 of 2026-03-02: the window is empty, the history stays
      expect(await score(sellerId)).toMatchObject({ version: 4, evaluationCount: 2, averages, window: { from: '2026-03-03', evaluations: 0, positive: 0 }, positiveRate: null });
      // A recompute with a clock behind never moves the window back.
      await recompute(at('2026-08-01T00:10:00Z'));
      expect(await score(sellerId)).toMatchObject({ version: 4, window: { asOf: '2026-08-29' } });
    });

    it('runs as the scheduled job evaluations.score-recompute at 00:10 UTC, once per day slot', async () => {
      const registry = new JobRegistry();
      new EvaluationsModule(registry, new RecomputeSupplierScores(orm)).onModuleInit();
      const job = registry.get(SCORE_RECOMPUTE_JOB)!;
      expect(job.schedule).toEqual({ dailyAt: '00:10', timeZone: 'UTC' });
      const { sellerId } = await newSeller();
      await evaluate(await order(sellerId, at('2027-03-01T10:00:00Z')), stars(4, 4, 4), at('2027-03-01T12:00:00Z'));
      // The first call only schedules the row (next 00:10); at that slot it runs, then it is not due again that day.
      expect(await runIfDue(orm.em, job, at('2027-03-01T13:00:00Z'))).toBe('not-due');
      expect(await runIfDue(orm.em, job, at('2027-03-02T00:10:00Z'))).toBe('ran');
      expect(await runIfDue(orm.em, job, at('2027-03-02T05:00:00Z'))).toBe('not-due');
      expect(await score(sellerId)).toMatchObject({ version: 1, window: { asOf: '2027-03-02', evaluations: 1, positive: 1 } });
    });

    it('the recompute gives exactly what the incremental updates gave, for many evaluations over many days', async () => {
      const { sellerId } = await newSeller();
      let r = 7;
      const next = () => (r = (r * 48_271) % 2_147_483_647);
      for (let i = 0; i < 40; i += 1) {
        const day = new Date(Date.parse('2026-09-01T00:00:00Z') + Math.floor(i / 3) * 86_400_000);
        const when = new Date(day.getTime() + (next() % 86_400_000));
        await evaluate(await order(sellerId, day), stars((next() % 5) + 1, (next() % 5) + 1, (next() % 5) + 1), when);
      }
      const incremental = await score(sellerId);
      const events = (await scoreEvents(sellerId)).length;
      const summary = await recompute(at(`${incremental.window.asOf}T23:59:00Z`));
      expect(summary.repaired).toBe(0);
      expect(await score(sellerId)).toEqual(incremental);
      expect(await scoreEvents(sellerId)).toHaveLength(events);
      const [sums] = await sql<{ n: number; s: number }>(`select count(*)::int as n, sum(service_attitude)::int as s from evaluation where seller_id = ?`, [sellerId]);
      expect(incremental.evaluationCount).toBe(sums.n);
    });
  });
});
