import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Request, Response } from 'express';
import { Public } from '@ereceipt/auth';
import { DomainError, httpStatusOf, isDomainError } from '@ereceipt/contracts';
import { AssociateRemittance, ApproveAssociation, RejectAssociation, UnbindAssociation } from '@ereceipt/matching';
import { RemittanceQueries } from '@ereceipt/remittances';
import { OpenOrdersQuery } from '@ereceipt/orders';
import { contentTypes, parseAmountSearch, ReconciliationReports, renderReport, reportFileName, reportFilter, reportFormats, type ReportFormat } from '@ereceipt/reports';
import { bulkActions, type BulkActionName, BulkRemittanceAction } from './bulk-action.usecase';
import { filtersOfBack, queueFilters, queueRequest } from './queue-filters';
import { ConsoleAuth, type ConsoleUser } from './console-auth';
import { clearedCookie, sessionCookie } from './console-session.rules';
import { html } from '@ereceipt/notifications';
import { layout } from './console-layout';
import { renderDashboard, renderLogin } from './dashboard.page';
import { type PendingReview, renderBalances, renderQueue } from './queue.page';
import { type OrderFinder, renderRemittance } from './remittance.page';
import type { QueueFilters } from './queue.page';

const DAY = 86_400_000;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);
const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);

type Form = Record<string, unknown>;

/**
 * The finance console: server-rendered pages and plain form posts under /console (outside the
 * api/v1 prefix and outside bearer auth: `@Public()`, then its own session check on every route).
 * Actions call the matching use cases as the signed-in finance principal.
 */
@ApiExcludeController()
@Public()
@Controller('console')
export class ConsoleController {
  constructor(
    private readonly orm: MikroORM,
    private readonly auth: ConsoleAuth,
    private readonly reports: ReconciliationReports,
    private readonly remittances: RemittanceQueries,
    private readonly associate: AssociateRemittance,
    private readonly unbind: UnbindAssociation,
    private readonly approve: ApproveAssociation,
    private readonly reject: RejectAssociation,
    private readonly bulk: BulkRemittanceAction,
    private readonly openOrders: OpenOrdersQuery,
  ) {}

  @Get('login')
  loginPage(@Res() res: Response): void {
    this.send(res, 200, renderLogin(null, '', this.auth.sso));
  }

  @Post('login')
  async login(@Req() req: Request, @Body() body: Form, @Res() res: Response): Promise<void> {
    const result = await this.auth.login(req.ip ?? '', body ?? {});
    if (!result.ok) {
      if (result.retryAfter) res.setHeader('Retry-After', String(result.retryAfter));
      return this.send(res, result.status, renderLogin(result.reason, typeof body?.email === 'string' ? body.email.slice(0, 320) : '', this.auth.sso));
    }
    res.setHeader('Set-Cookie', sessionCookie(result.cookie, this.auth.secureCookie, this.auth.cookieSeconds));
    res.redirect(303, '/console');
  }

  @Post('logout')
  async logout(@Req() req: Request, @Body() body: Form, @Res() res: Response): Promise<void> {
    const user = await this.auth.user(req);
    if (user && !this.auth.csrfOk(user, body?.csrf)) return this.send(res, 403, renderLogin('The form was stale; log out again.', '', this.auth.sso));
    if (user) await this.auth.logout(user);
    res.setHeader('Set-Cookie', clearedCookie(this.auth.secureCookie));
    res.redirect(303, '/console/login');
  }

  @Get()
  async dashboard(@Req() req: Request, @Query() q: Form, @Res() res: Response): Promise<void> {
    const user = await this.page(req, res);
    if (!user) return;
    const to = isDay(q.to) ? q.to : day(Date.now());
    const from = isDay(q.from) ? q.from : day(Date.parse(to) - 29 * DAY);
    const currency = typeof q.currency === 'string' && /^[A-Z]{3}$/.test(q.currency) ? q.currency : null;
    const sellerId = typeof q.seller === 'string' && UUID.test(q.seller) ? q.seller : null;
    await this.handle(res, user, async () => {
      const all = await this.reports.build(reportFilter({ from, to, sellerId }, user.principal));
      const report = currency ? await this.reports.build(reportFilter({ from, to, currency, sellerId }, user.principal)) : all;
      const sellers = await this.orm.em.fork().execute<Array<{ id: string; name: string }>>(`select id, legal_name as name from seller order by legal_name, id limit 500`);
      return renderDashboard(report, this.ctx(user), all.currencies.map((c) => c.currency), sellers);
    });
  }

  @Get('queue')
  async queue(@Req() req: Request, @Query() q: Form, @Res() res: Response): Promise<void> {
    const user = await this.page(req, res);
    if (!user) return;
    await this.handle(res, user, async () => this.queuePage(user, queueFilters(q ?? {})));
  }

  /** A selection of the queue returned, associated or approved in one action: the queue again, with a result per row. */
  @Post('queue/bulk')
  async queueBulk(@Req() req: Request, @Body() body: Form, @Res() res: Response): Promise<void> {
    const user = await this.auth.user(req);
    if (!user) return this.send(res, 401, renderLogin('Your session ended; log in again.'));
    const filters = filtersOfBack(body?.back);
    if (!this.auth.csrfOk(user, body?.csrf)) return this.send(res, 403, renderLogin('The form was stale; reload the page and try again.'));
    const action = bulkActions.includes(body?.action as BulkActionName) ? (body.action as BulkActionName) : null;
    const ids = list(body?.id).filter((id) => UUID.test(id));
    await this.handle(res, user, async () => {
      if (!action) throw new DomainError('CONSOLE.INVALID', 'no such action');
      const orderNo = str(body?.orderNo).trim();
      const results = await this.bulk.execute(action, ids, user.principal, { orderNo: orderNo || null });
      const refs = await this.messageRefs(ids);
      return this.queuePage(user, filters, results, refs);
    });
  }

  private async queuePage(user: ConsoleUser, f: QueueFilters, results: Awaited<ReturnType<BulkRemittanceAction['execute']>> | null = null, refs: ReadonlyMap<string, string> = new Map()): Promise<string> {
    const page = await this.reports.queuePage(queueRequest(f, user.principal));
    return renderQueue(page, f, this.ctx(user), await this.pendingReviews(page.rows.map((r) => r.remittanceId)), results, refs);
  }

  @Get('balances')
  async balances(@Req() req: Request, @Res() res: Response): Promise<void> {
    const user = await this.page(req, res);
    if (!user) return;
    const today = day(Date.now());
    await this.handle(res, user, async () => {
      const funds = await this.reports.fundsSection(reportFilter({ from: day(Date.now() - 365 * DAY), to: today }, user.principal));
      return renderBalances(funds, this.ctx(user), today, await this.sellerNames(funds.ledgerProof.map((l) => l.sellerId ?? '')));
    });
  }

  @Get('reports/reconciliation')
  async download(@Req() req: Request, @Query() q: Form, @Res() res: Response): Promise<void> {
    const user = await this.page(req, res);
    if (!user) return;
    const format: ReportFormat = reportFormats.includes(q.format as ReportFormat) ? (q.format as ReportFormat) : 'xlsx';
    try {
      const report = await this.reports.build(reportFilter({ from: str(q.from), to: str(q.to), currency: typeof q.currency === 'string' && /^[A-Z]{3}$/.test(q.currency) ? q.currency : null, sellerId: UUID.test(str(q.sellerId)) ? str(q.sellerId) : null }, user.principal));
      res.setHeader('Content-Type', contentTypes[format]);
      res.setHeader('Content-Disposition', `attachment; filename="${reportFileName(report, format)}"`);
      res.status(200).end(await renderReport(report, format));
    } catch (e) {
      if (!isDomainError(e)) throw e;
      this.send(res, httpStatusOf(e.kind), e.message, 'text/plain; charset=utf-8');
    }
  }

  @Get('remittances/:id')
  async remittance(@Req() req: Request, @Param('id') id: string, @Query() q: Form, @Res() res: Response): Promise<void> {
    const user = await this.page(req, res);
    if (!user) return;
    await this.detail(res, user, id, { done: typeof q.done === 'string' ? q.done.slice(0, 200) : null, error: null }, 200, q ?? {});
  }

  @Post('remittances/:id/associate')
  async associateByHand(@Req() req: Request, @Param('id') id: string, @Body() body: Form, @Res() res: Response): Promise<void> {
    const orderNos = list(body?.orderNo);
    const amounts = list(body?.amount);
    const allocations = orderNos.map((orderNo, i) => ({ orderNo: orderNo.trim().toUpperCase(), amount: (amounts[i] ?? '').trim() })).filter((a) => a.orderNo || a.amount);
    await this.action(req, res, id, body, async (user) => {
      if (allocations.length === 0) throw new Error('give at least one order number and amount');
      const r = await this.associate.execute(id, allocations, user.principal);
      const what = allocations.map((a) => `${a.orderNo} ${a.amount}`).join(', ');
      return r.status === 'APPROVED' ? `Associated: ${what}.` : `Proposed: ${what}. A second finance person approves it before the funds are credited.`;
    });
  }

  @Post('remittances/:id/associations/:associationId/unbind')
  async unbindOne(@Req() req: Request, @Param('id') id: string, @Param('associationId') associationId: string, @Body() body: Form, @Res() res: Response): Promise<void> {
    await this.action(req, res, id, body, async (user) => {
      if (!UUID.test(associationId)) throw new Error('not an association id');
      await this.unbind.execute(id, associationId, user.principal);
      return 'Unbound: the orders no longer count this money.';
    });
  }

  @Post('associations/:associationId/:verdict')
  async review(@Req() req: Request, @Param('associationId') associationId: string, @Param('verdict') verdict: string, @Body() body: Form, @Res() res: Response): Promise<void> {
    const remittanceId = str(body?.remittanceId);
    await this.action(req, res, remittanceId, body, async (user) => {
      if (!UUID.test(associationId) || (verdict !== 'approve' && verdict !== 'reject')) throw new Error('no such action');
      const note = typeof body.reason === 'string' && body.reason.trim() ? body.reason.trim().slice(0, 500) : null;
      if (verdict === 'reject') {
        await this.reject.execute(associationId, user.principal, note);
        return 'Rejected: the remittance is in follow-up.';
      }
      const approved = await this.approve.execute(associationId, user.principal, note);
      return approved.status === 'APPROVED'
        ? `Approved${approved.firstApprovedBy ? ` (four eyes: with ${approved.firstApprovedBy.slice(approved.firstApprovedBy.indexOf(':') + 1)})` : ''}: the funds are credited.`
        : 'First approval recorded: a second finance person approves it before the funds are credited.';
    });
  }

  /** A form post: session, CSRF, the use case, then 303 back to the remittance (or the page again with the reason). */
  private async action(req: Request, res: Response, remittanceId: string, body: Form, run: (user: ConsoleUser) => Promise<string>): Promise<void> {
    const user = await this.auth.user(req);
    if (!user) return this.send(res, 401, renderLogin('Your session ended; log in again.', '', this.auth.sso));
    if (!UUID.test(remittanceId)) return this.send(res, 404, 'not found', 'text/plain; charset=utf-8');
    if (!this.auth.csrfOk(user, body?.csrf)) return this.detail(res, user, remittanceId, { done: null, error: 'The form was stale (reload the page and try again).' }, 403);
    try {
      const done = await run(user);
      res.redirect(303, `/console/remittances/${remittanceId}?done=${encodeURIComponent(done)}`);
    } catch (e) {
      if (!isDomainError(e) && !(e instanceof Error && e.constructor === Error)) throw e;
      await this.detail(res, user, remittanceId, { done: null, error: isDomainError(e) ? `${e.message} (${e.code})` : e.message }, isDomainError(e) ? httpStatusOf(e.kind) : 400);
    }
  }

  private async detail(res: Response, user: ConsoleUser, id: string, msg: { done: string | null; error: string | null }, status: number, q: Form = {}): Promise<void> {
    if (!UUID.test(id)) return this.send(res, 404, 'not found', 'text/plain; charset=utf-8');
    await this.handle(res, user, async () => {
      const view = await this.remittances.get(id, user.principal);
      const actors = view.associations.flatMap((a) => [a.actor, a.decidedBy ?? '']);
      return renderRemittance(view, this.ctx(user), msg, view.sellerId ? await this.sellerName(view.sellerId) : null, await this.finder(view.sellerId, view.currency, q, user), await this.peopleNames(actors));
    }, status);
  }

  /** The order finder of the remittance page: the seller's open orders by buyer, amount still owed or reference (GET parameters). */
  private async finder(sellerId: string | null, currency: string, q: Form, user: ConsoleUser): Promise<OrderFinder | null> {
    if (!sellerId) return null;
    const search = { buyer: str(q.buyer).trim().slice(0, 140), amount: str(q.owed).trim().slice(0, 40), reference: str(q.reference).trim().slice(0, 100) };
    const asked = q.find === '1' || Boolean(search.buyer || search.amount || search.reference);
    if (!asked) return { search, result: null, error: null };
    try {
      const owed = parseAmountSearch(search.amount);
      const result = await this.openOrders.find(sellerId, { currency, buyer: search.buyer || null, reference: search.reference || null, owedMin: owed?.min ?? null, owedMax: owed?.max ?? null, limit: 25 }, user.principal);
      return { search, result, error: null };
    } catch (e) {
      if (!isDomainError(e)) throw e;
      return { search, result: null, error: `${e.message} (${e.code})` };
    }
  }

  /** People by name: `finance:alice@example.com` -> her display name, when she has one other than her e-mail. */
  private async peopleNames(actors: string[]): Promise<Map<string, string>> {
    const emails = [...new Set(actors.filter((a) => a.includes(':') && a.includes('@')).map((a) => a.slice(a.indexOf(':') + 1)))];
    if (emails.length === 0) return new Map();
    const rows = await this.orm.em.fork().execute<Array<{ email: string; display_name: string }>>(`select email, display_name from hub_user where email in (${emails.map(() => '?').join(', ')})`, emails);
    return new Map(rows.filter((r) => r.display_name && r.display_name !== r.email).map((r) => [r.email, r.display_name]));
  }

  private async messageRefs(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.orm.em.fork().execute<Array<{ id: string; message_ref: string }>>(`select id, message_ref from remittance where id in (${ids.map(() => '?').join(', ')})`, ids);
    return new Map(rows.map((r) => [r.id, r.message_ref]));
  }

  private async handle(res: Response, user: ConsoleUser, render: () => Promise<string>, status = 200): Promise<void> {
    try {
      this.send(res, status, await render());
    } catch (e) {
      if (!isDomainError(e)) throw e;
      this.send(res, httpStatusOf(e.kind), layout('Problem', null, this.ctx(user), html`<section class="card notice error" role="alert">${e.message} (${e.code})</section>`));
    }
  }

  /** The PROPOSED associations and pending returns of these remittances: who proposed, who approved first (four eyes). */
  private async pendingReviews(remittanceIds: string[]): Promise<Map<string, PendingReview>> {
    if (remittanceIds.length === 0) return new Map();
    const rows = await this.orm.em.fork().execute<Array<{ remittance_id: string; actor: string; decided_by: string | null }>>(
      `select remittance_id, actor, decided_by from remittance_association where status = 'PROPOSED' and remittance_id in (${remittanceIds.map(() => '?').join(', ')})`,
      remittanceIds,
    );
    const returns = await this.orm.em.fork().execute<Array<{ subject_id: string; requested_by: string }>>(
      `select subject_id, requested_by from four_eyes_request where kind = 'RETURN' and status = 'PENDING' and subject_id in (${remittanceIds.map(() => '?').join(', ')})`,
      remittanceIds,
    );
    return new Map([
      ...rows.map((r): [string, PendingReview] => [r.remittance_id, { actor: r.actor, decidedBy: r.decided_by }]),
      ...returns.map((r): [string, PendingReview] => [r.subject_id, { actor: r.requested_by, decidedBy: null, what: 'return' }]),
    ]);
  }

  private async sellerNames(ids: string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id) => UUID.test(id)))];
    if (wanted.length === 0) return new Map();
    const rows = await this.orm.em.fork().execute<Array<{ id: string; legal_name: string }>>(`select id, legal_name from seller where id in (${wanted.map(() => '?').join(', ')})`, wanted);
    return new Map(rows.map((r) => [r.id, r.legal_name]));
  }

  private async sellerName(sellerId: string): Promise<string | null> {
    const [row] = await this.orm.em.fork().execute<Array<{ legal_name: string }>>(`select legal_name from seller where id = ?`, [sellerId]);
    return row?.legal_name ?? null;
  }

  /** The user, or a redirect to the login page. */
  private async page(req: Request, res: Response): Promise<ConsoleUser | null> {
    const user = await this.auth.user(req);
    if (!user) res.redirect(303, '/console/login');
    return user;
  }

  private ctx(user: ConsoleUser) {
    return { csrf: user.csrf, user: user.display };
  }

  private send(res: Response, status: number, body: string, type = 'text/html; charset=utf-8'): void {
    res.setHeader('Content-Type', type);
    // Security headers (CSP, framing, referrer) come from helmet (apps/hub create-hub.ts).
    res.setHeader('Cache-Control', 'no-store');
    res.status(status).end(body);
  }
}
