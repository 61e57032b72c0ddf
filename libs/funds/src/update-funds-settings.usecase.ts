import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';

/** `PUT /sellers/{sellerId}/funds-settings` (the seller itself, admin): turns automatic withdrawal on or off. */
@Injectable()
export class UpdateFundsSettings {
  constructor(private readonly orm: MikroORM) {}

  async execute(sellerId: string, body: { autoWithdrawal: boolean }, principal: Principal): Promise<{ sellerId: string; autoWithdrawal: boolean }> {
    if (!(principal.role === 'admin' || (principal.role === 'seller' && principal.sellerId === sellerId))) throw new DomainError('FUNDS.FORBIDDEN', 'only the seller itself or an admin changes its funds settings', 'forbidden');
    const em = this.orm.em.fork();
    const [seller] = await em.execute<Array<{ id: string }>>(`select id from seller where id = ?`, [sellerId]);
    if (!seller) throw new DomainError('FUNDS.SELLER_NOT_FOUND', `seller ${sellerId} not found`, 'not-found');
    await em.execute(
      `insert into funds_setting (seller_id, auto_withdrawal, updated_by, updated_at) values (?, ?, ?, now())
       on conflict (seller_id) do update set auto_withdrawal = excluded.auto_withdrawal, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [sellerId, body.autoWithdrawal, `${principal.role}:${principal.name}`],
    );
    return { sellerId, autoWithdrawal: body.autoWithdrawal };
  }
}
