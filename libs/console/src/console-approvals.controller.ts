import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Request, Response } from 'express';
import { Public } from '@ereceipt/auth';
import { isDomainError } from '@ereceipt/contracts';
import { ApproveRefund, ReturnRemittance, UpdateFundsSettings } from '@ereceipt/funds';
import { ChangeMatchingSettings, type MatchingSettingsInputDto } from '@ereceipt/matching';
import { ConsoleAuth, type ConsoleUser } from './console-auth';
import { renderApprovals, type WaitingApproval } from './approvals.page';
import { renderLogin } from './dashboard.page';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUS: Record<string, number> = { invalid: 400, unauthorized: 401, forbidden: 403, 'not-found': 404, conflict: 409, 'too-many': 429 };
const who = (actor: string) => actor.slice(actor.indexOf(':') + 1);
const reviewer = (actor: string) => actor.startsWith('finance:') || actor.startsWith('admin:');

interface RequestRow {
  id: string;
  kind: 'RETURN' | 'MATCHING_SETTINGS' | 'REFUND' | 'FUNDS_SETTINGS';
  subject_id: string;
  currency: string;
  amount: string;
  payload: Record<string, unknown>;
  requested_by: string;
  requested_at: Date;
}

/**
 * `/console/approvals`: everything that waits for a second pair of eyes (issue 22, four eyes on
 * money): returns, refund acceptances, matching and funds settings changes (`four_eyes_request`
 * PENDING) and proposed associations, oldest first. The Approve button sends the same request again
 * as the signed-in finance person, through the same use case as the API, so the same rules hold
 * (the one who asked is refused, FOUR_EYES.SAME_PERSON).
 */
@ApiExcludeController()
@Public()
@Controller('console/approvals')
export class ConsoleApprovalsController {
  constructor(
    private readonly orm: MikroORM,
    private readonly auth: ConsoleAuth,
    private readonly refunds: ApproveRefund,
    private readonly returns: ReturnRemittance,
    private readonly fundsSettings: UpdateFundsSettings,
    private readonly matchingSettings: ChangeMatchingSettings,
  ) {}

  @Get()
  async list(@Req() req: Request, @Query() q: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const user = await this.auth.user(req);
    if (!user) return res.redirect(303, '/console/login');
    await this.page(res, user, { done: typeof q.done === 'string' ? q.done.slice(0, 300) : null, error: null }, 200);
  }

  @Post(':id/approve')
  async approve(@Req() req: Request, @Param('id') id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const user = await this.auth.user(req);
    if (!user) return this.send(res, 401, renderLogin('Your session ended; log in again.', '', this.auth.sso));
    if (!this.auth.csrfOk(user, body?.csrf)) return this.page(res, user, { done: null, error: 'The form was stale (reload the page and try again).' }, 403);
    const [row] = UUID.test(id) ? await this.orm.em.fork().execute<RequestRow[]>(`select id, kind, subject_id, currency, amount::text as amount, payload, requested_by, requested_at from four_eyes_request where id = ? and status = 'PENDING'`, [id]) : [];
    if (!row) return this.page(res, user, { done: null, error: 'That request no longer waits (someone approved or withdrew it).' }, 404);
    try {
      const done = await this.carryOut(row, user);
      res.redirect(303, `/console/approvals?done=${encodeURIComponent(done)}`);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      await this.page(res, user, { done: null, error: `${e.message} (${e.code})` }, STATUS[e.kind] ?? 400);
    }
  }

  private async carryOut(row: RequestRow, user: ConsoleUser): Promise<string> {
    switch (row.kind) {
      case 'REFUND': {
        const r = await this.refunds.execute(row.subject_id, user.principal);
        return r.status === 'ACCEPTED' ? `Refund approved (four eyes: with ${who(r.firstApprovedBy ?? '')}): the money goes back to the buyer.` : 'First approval recorded: a second finance person releases the refund.';
      }
      case 'RETURN': {
        const r = await this.returns.execute(row.subject_id, {}, user.principal);
        return `Return carried out (four eyes: with ${who(r.requestedBy)}): ${r.currency} ${r.amount} goes back to the payer.`;
      }
      case 'FUNDS_SETTINGS': {
        const r = await this.fundsSettings.execute(row.subject_id, { autoWithdrawal: row.payload.autoWithdrawal === true }, user.principal);
        return `Funds settings applied: automatic withdrawal ${r.autoWithdrawal ? 'on' : 'off'} (${r.updatedBy ?? ''}).`;
      }
      case 'MATCHING_SETTINGS': {
        // The same change again, as the signed-in person: the use case applies it or refuses it (four eyes).
        const p = row.payload as Pick<MatchingSettingsInputDto, 'chargeTolerance' | 'reviewPolicy'> & { note?: string | null };
        await this.matchingSettings.execute(row.subject_id, { chargeTolerance: p.chargeTolerance, reviewPolicy: p.reviewPolicy, note: p.note ?? undefined }, user.principal);
        return 'Matching settings applied (four eyes).';
      }
    }
  }

  private async waiting(): Promise<WaitingApproval[]> {
    const em = this.orm.em.fork();
    const requests = await em.execute<Array<RequestRow & { order_no: string | null; seller_name: string | null; message_ref: string | null }>>(
      `select f.id, f.kind, f.subject_id, f.currency, f.amount::text as amount, f.payload, f.requested_by, f.requested_at, rf.order_no, s.legal_name as seller_name, m.message_ref
         from four_eyes_request f
         left join refund rf on f.kind = 'REFUND' and rf.id = f.subject_id
         left join remittance m on f.kind = 'RETURN' and m.id = f.subject_id
         left join seller s on s.id = case when f.kind in ('MATCHING_SETTINGS', 'FUNDS_SETTINGS') then f.subject_id else coalesce(rf.seller_id, m.seller_id) end
        where f.status = 'PENDING' order by f.requested_at`,
    );
    const associations = await em.execute<Array<{ id: string; remittance_id: string; currency: string; amount: string; actor: string; decided_by: string | null; created_at: Date; message_ref: string }>>(
      `select a.id, a.remittance_id, a.currency, a.amount::text as amount, a.actor, a.decided_by, a.created_at, m.message_ref
         from remittance_association a join remittance m on m.id = a.remittance_id where a.status = 'PROPOSED' order by a.created_at limit 500`,
    );
    const rows: WaitingApproval[] = requests.map((r) => {
      const first = typeof r.payload.firstApprovedBy === 'string' ? r.payload.firstApprovedBy : null;
      const base = { requestId: r.id, kind: r.kind, requestedBy: r.requested_by, requestedAt: new Date(r.requested_at).toISOString() };
      switch (r.kind) {
        case 'REFUND':
          return { ...base, what: `${r.order_no ?? r.subject_id}${r.seller_name ? ` · ${r.seller_name}` : ''}`, href: null, amount: `${r.currency} ${r.amount}`, waitsFor: reviewer(r.requested_by) ? 'a second finance person' : first ? `a second finance person (first approval: ${who(first)})` : 'two finance people (accepted by the counterparty)' };
        case 'RETURN':
          return { ...base, what: r.message_ref ?? r.subject_id, href: `/console/remittances/${r.subject_id}`, amount: `${r.currency} ${r.amount}`, waitsFor: 'a second finance person' };
        case 'FUNDS_SETTINGS':
          return { ...base, what: `${r.seller_name ?? r.subject_id}: automatic withdrawal ${r.payload.autoWithdrawal === true ? 'on' : 'off'}`, href: null, amount: null, waitsFor: 'a second finance person' };
        case 'MATCHING_SETTINGS':
          return { ...base, what: `${r.seller_name ?? r.subject_id}: review policy and charge tolerance`, href: null, amount: null, waitsFor: 'a second finance person' };
      }
    });
    for (const a of associations) {
      rows.push({
        requestId: null,
        kind: 'ASSOCIATION',
        what: a.message_ref,
        href: `/console/remittances/${a.remittance_id}`,
        amount: `${a.currency} ${a.amount}`,
        requestedBy: a.actor,
        requestedAt: new Date(a.created_at).toISOString(),
        waitsFor: a.decided_by ? `a second finance person (first approval: ${who(a.decided_by)})` : reviewer(a.actor) ? 'a second finance person' : 'two finance people',
      });
    }
    return rows.sort((x, y) => x.requestedAt.localeCompare(y.requestedAt));
  }

  private async page(res: Response, user: ConsoleUser, msg: { done: string | null; error: string | null }, status: number): Promise<void> {
    this.send(res, status, renderApprovals(await this.waiting(), { csrf: user.csrf, user: user.principal.name }, msg));
  }

  private send(res: Response, status: number, body: string): void {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.status(status).end(body);
  }
}
