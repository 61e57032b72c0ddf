import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { DomainError } from '@ereceipt/contracts';
import type { RefundActor } from './refund-actor';

export interface RefundView {
  refundId: string;
  orderNo: string;
  currency: string;
  amount: string;
  reason: string;
  status: string;
  openedBy: string;
  messages: Array<{ side: string; author: string; body: string; at: string }>;
}

/** `POST /refunds/{id}/messages` (either side): the negotiation; returns the refund with its messages. `GET` reads the same view. */
@Injectable()
export class RefundMessages {
  constructor(private readonly orm: MikroORM) {}

  async post(refundId: string, body: string, by: RefundActor): Promise<RefundView> {
    if (body.trim() === '' || body.length > 4000) throw new DomainError('FUNDS.INVALID', 'body: 1 to 4000 characters', 'invalid');
    const view = await this.get(refundId, by);
    await this.orm.em.fork().execute(`insert into refund_message (id, refund_id, side, author, body, created_at) values (?, ?, ?, ?, ?, now())`, [randomUUID(), refundId, by.side, by.actor, body.trim()]);
    return { ...view, messages: [...view.messages, { side: by.side, author: by.actor, body: body.trim(), at: new Date().toISOString() }] };
  }

  async get(refundId: string, by: RefundActor): Promise<RefundView> {
    const em = this.orm.em.fork();
    const [r] = await em.execute<Array<{ id: string; seller_id: string; order_no: string; currency: string; amount: string; reason: string; status: string; opened_by: string }>>(
      `select id, seller_id, order_no, currency, amount::text as amount, reason, status, opened_by from refund where id = ?`,
      [refundId],
    );
    if (!r || (by.sellerId !== null && by.sellerId !== r.seller_id) || (by.side === 'BUYER' && by.actor !== `buyer:${r.order_no}`)) throw new DomainError('FUNDS.REFUND_NOT_FOUND', `refund ${refundId} not found`, 'not-found');
    const messages = await em.execute<Array<{ side: string; author: string; body: string; created_at: Date }>>(`select side, author, body, created_at from refund_message where refund_id = ? order by created_at, id`, [refundId]);
    return { refundId: r.id, orderNo: r.order_no, currency: r.currency, amount: r.amount, reason: r.reason, status: r.status, openedBy: r.opened_by, messages: messages.map((m) => ({ side: m.side, author: m.author, body: m.body, at: new Date(m.created_at).toISOString() })) };
  }
}
