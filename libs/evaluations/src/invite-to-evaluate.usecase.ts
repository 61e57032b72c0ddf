import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { DomainError } from '@ereceipt/contracts';
import { evaluationUrl, mailDedupeKey, MailOutboxWriterFactory, renderEvaluationInvitation, signLink } from '@ereceipt/notifications';
import { actorOf, lockOrder } from '@ereceipt/orders';
import { SellerEntity } from '@ereceipt/sellers';
import { EvaluationInvitationEntity } from './evaluation-invitation.entity';
import { evaluationWindow, invitationLinkExpiry } from './evaluation-window.rules';
import type { InvitationSentDto } from './evaluation.dto';
import { mayInvite } from './invitation-rate.rules';
import { assertMayEvaluate } from './submit-evaluation.usecase';

/**
 * `POST /orders/{orderNo}/evaluation-invitations`: the seller (its own order) or an admin e-mails
 * the buyer a signed link to the evaluation page, within 30 days after completion (docs/domain.md §5).
 * The mail is queued in the mail outbox in this transaction (dedupe key
 * `evaluation-invitation:<orderNo>:<seq>`); the order's row lock makes `seq` race-free. Refused
 * (409) for an order not completed, already evaluated, out of the window, or at the cap of
 * invitations; too soon after the previous one is a 429 with Retry-After.
 */
@Injectable()
export class InviteToEvaluate {
  constructor(
    private readonly orm: MikroORM,
    private readonly mail: MailOutboxWriterFactory,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async execute(orderNo: string, principal: Principal, now = new Date()): Promise<InvitationSentDto> {
    return this.orm.em.fork().transactional(async (em) => {
      const order = await lockOrder(em, orderNo, principal);
      const completedAt = await assertMayEvaluate(em, order, now);
      const previous = await em.find(EvaluationInvitationEntity, { orderId: order.id }, { fields: ['createdAt'] });
      const verdict = mayInvite(previous.map((p) => p.createdAt), now);
      if (!verdict.ok && verdict.retryAfterSeconds === null) throw new DomainError('EVALUATIONS.INVITATION_LIMIT', `order ${orderNo}: ${verdict.reason}`, 'conflict');
      if (!verdict.ok) {
        throw new DomainError('EVALUATIONS.INVITATION_RATE_LIMITED', `order ${orderNo}: ${verdict.reason}`, 'too-many', { retryAfterSeconds: verdict.retryAfterSeconds, nextAllowedAt: verdict.nextAllowedAt?.toISOString() });
      }
      const seq = previous.length + 1;
      const seller = await em.findOneOrFail(SellerEntity, { id: order.sellerId });
      const expiresAt = invitationLinkExpiry(completedAt);
      const token = signLink({ purpose: 'evaluation', subject: order.orderNo, expiresAt }, this.config.hubSecret);
      const window = evaluationWindow(completedAt);
      const rendered = renderEvaluationInvitation({
        orderNo: order.orderNo,
        buyerName: order.buyerName,
        sellerName: seller.legalName,
        completedOn: window.opensOn,
        closesOn: window.closesOn,
        link: evaluationUrl(this.config.http.publicUrl, order.orderNo, token),
      });
      const writer = this.mail.for(em);
      const { id: mailId } = await writer.queue({ ...rendered, kind: 'evaluation-invitation', to: order.buyerEmail, dedupeKey: mailDedupeKey('evaluation-invitation', order.orderNo, seq) });
      em.create(EvaluationInvitationEntity, { id: randomUUID(), orderId: order.id, orderNo: order.orderNo, seq, toAddress: order.buyerEmail, requestedBy: actorOf(principal), mailId, linkExpiresAt: expiresAt, createdAt: now });
      await em.flush();
      await writer.notifyRelay();
      return { orderNo: order.orderNo, seq, to: order.buyerEmail, queuedAt: now.toISOString(), linkExpiresAt: expiresAt.toISOString(), window: { opensOn: window.opensOn, closesOn: window.closesOn, open: true } };
    });
  }
}
