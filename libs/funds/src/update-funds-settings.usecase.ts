import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MikroORM } from '@mikro-orm/postgresql';
import { actorOf, type Principal, samePerson } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';

export interface FundsSettingsView {
  sellerId: string;
  autoWithdrawal: boolean;
  /** Who made the settings what they are (`<second> (four eyes with <first>)` for a four-eyes change); null: never set. */
  updatedBy: string | null;
  /** A change by finance or an admin that waits for a second finance person. */
  pendingChange: { autoWithdrawal: boolean; requestedBy: string; requestedAt: string } | null;
}

/**
 * `PUT /sellers/{sellerId}/funds-settings` (the seller itself, finance, admin): turns automatic
 * withdrawal on or off.
 *
 * Four eyes on money: a change by finance or an admin is first recorded as pending
 * (`four_eyes_request` kind FUNDS_SETTINGS, shown as `pendingChange`); the same change sent by a
 * second, different finance person applies it (`updatedBy`: `<second> (four eyes with <first>)`). A
 * different change while one waits is refused (409). A settings change carries no amount, so the
 * per-currency threshold does not apply: every such change is four-eyed (the default "all"). The
 * seller's own change applies at once: it is the seller's money, paid out under the same three rules.
 */
@Injectable()
export class UpdateFundsSettings {
  constructor(private readonly orm: MikroORM) {}

  async execute(sellerId: string, body: { autoWithdrawal: boolean }, principal: Principal): Promise<FundsSettingsView> {
    const reviewer = principal.role === 'admin' || principal.role === 'finance';
    if (!(reviewer || (principal.role === 'seller' && principal.sellerId === sellerId))) throw new DomainError('FUNDS.FORBIDDEN', 'only the seller itself, finance or an admin changes its funds settings', 'forbidden');
    return this.orm.em.fork().transactional(async (em) => {
      const [seller] = await em.execute<Array<{ id: string }>>(`select id from seller where id = ?`, [sellerId]);
      if (!seller) throw new DomainError('FUNDS.SELLER_NOT_FOUND', `seller ${sellerId} not found`, 'not-found');
      // One change at a time per seller, so each starts from the one before.
      await em.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [`funds_settings:${sellerId}`]);
      const me = actorOf(principal);
      if (!reviewer) {
        await save(em, sellerId, body.autoWithdrawal, me);
        return fundsSettingsView(em, sellerId);
      }
      const [pending] = await em.execute<Array<{ id: string; requested_by: string; payload: { autoWithdrawal: boolean } }>>(
        `select id, requested_by, payload from four_eyes_request where kind = 'FUNDS_SETTINGS' and subject_id = ? and status = 'PENDING' for update`,
        [sellerId],
      );
      if (!pending) {
        const current = await fundsSettingsView(em, sellerId);
        if (current.updatedBy !== null && current.autoWithdrawal === body.autoWithdrawal) return current;
        await em.execute(
          `insert into four_eyes_request (id, kind, subject_id, currency, amount, payload, requested_by, requested_at, status) values (?, 'FUNDS_SETTINGS', ?, 'XXX', 0, ?, ?, ?, 'PENDING')`,
          [randomUUID(), sellerId, JSON.stringify({ autoWithdrawal: body.autoWithdrawal }), me, new Date()],
        );
        return fundsSettingsView(em, sellerId);
      }
      if (pending.payload.autoWithdrawal !== body.autoWithdrawal) {
        throw new DomainError('FOUR_EYES.DIFFERENT_REQUEST', `another change of these funds settings waits for a second finance person (asked by ${pending.requested_by}); approve it by sending the same values, or wait`, 'conflict');
      }
      if (samePerson(pending.requested_by, me)) throw new DomainError('FOUR_EYES.SAME_PERSON', `${principal.name} asked for this change; a second finance person applies it`, 'forbidden');
      if (principal.role !== 'finance') throw new DomainError('FOUR_EYES.FINANCE_ONLY', 'the second pair of eyes on a funds settings change is a finance person', 'forbidden');
      await em.execute(`update four_eyes_request set status = 'DONE', decided_by = ?, decided_at = ? where id = ?`, [me, new Date(), pending.id]);
      await save(em, sellerId, body.autoWithdrawal, `${me} (four eyes with ${pending.requested_by})`);
      return fundsSettingsView(em, sellerId);
    });
  }
}

async function save(em: EntityManager, sellerId: string, autoWithdrawal: boolean, by: string): Promise<void> {
  await em.execute(
    `insert into funds_setting (seller_id, auto_withdrawal, updated_by, updated_at) values (?, ?, ?, now())
     on conflict (seller_id) do update set auto_withdrawal = excluded.auto_withdrawal, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [sellerId, autoWithdrawal, by],
  );
}

/** The settings in force (automatic withdrawal off until set) and the change waiting for four eyes. */
export async function fundsSettingsView(em: EntityManager, sellerId: string): Promise<FundsSettingsView> {
  const [row] = await em.execute<Array<{ auto_withdrawal: boolean; updated_by: string }>>(`select auto_withdrawal, updated_by from funds_setting where seller_id = ?`, [sellerId]);
  const [pending] = await em.execute<Array<{ requested_by: string; requested_at: Date; payload: { autoWithdrawal: boolean } }>>(
    `select requested_by, requested_at, payload from four_eyes_request where kind = 'FUNDS_SETTINGS' and subject_id = ? and status = 'PENDING'`,
    [sellerId],
  );
  return {
    sellerId,
    autoWithdrawal: row?.auto_withdrawal ?? false,
    updatedBy: row?.updated_by ?? null,
    pendingChange: pending ? { autoWithdrawal: pending.payload.autoWithdrawal, requestedBy: pending.requested_by, requestedAt: new Date(pending.requested_at).toISOString() } : null,
  };
}
