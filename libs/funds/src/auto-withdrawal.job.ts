import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { OutboxWriter } from '@ereceipt/messaging';
import { JobRegistry } from '@ereceipt/scheduling';
import { autoWithdraw } from './credit-association.usecase';

export const AUTO_WITHDRAWAL_JOB = 'funds.auto-withdrawal';

/**
 * Every minute: for sellers with automatic withdrawal on, every order with credited funds and no
 * withdrawal in flight is tried again (the buyer may have confirmed, goods may have been declared
 * since the credit). One transaction per order; the rules and the row lock decide, as for a person.
 */
@Injectable()
export class AutoWithdrawalJob implements OnModuleInit {
  private readonly log = new Logger('AutoWithdrawal');

  constructor(
    private readonly jobs: JobRegistry,
    private readonly orm: MikroORM,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: AUTO_WITHDRAWAL_JOB, schedule: { everySeconds: 60 }, run: async () => {
        await this.run();
      } });
  }

  async run(): Promise<number> {
    const candidates = await this.orm.em.fork().execute<Array<{ seller_id: string; order_no: string }>>(
      `select a.seller_id, a.order_no from ledger_account a join funds_setting s on s.seller_id = a.seller_id and s.auto_withdrawal
        where a.kind = 'CREDITED' and a.balance > 0 and not exists (select 1 from withdrawal w where w.order_no = a.order_no and w.status = 'REQUESTED')
        order by a.seller_id, a.order_no limit 500`,
    );
    let sent = 0;
    for (const c of candidates) {
      sent += await this.orm.em.fork().transactional(async (em) => {
        const n = await autoWithdraw(em, c.seller_id, [c.order_no]);
        if (n > 0) await new OutboxWriter(em).notifyRelay();
        return n;
      });
    }
    if (sent > 0) this.log.log({ sent }, `automatic withdrawals requested: ${sent}`);
    return sent;
  }
}
