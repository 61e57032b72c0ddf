import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { JobRegistry } from '@ereceipt/scheduling';
import { settleOrderFunds } from './settle-order-funds.usecase';

export const FX_SETTLEMENT_JOB = 'funds.fx-settlement';

/**
 * Every minute: credited funds in a currency other than the seller's settlement currency are
 * settled as soon as a rate is in force (crediting already tries; this retries those that had none).
 */
@Injectable()
export class FxSettlementJob implements OnModuleInit {
  private readonly log = new Logger('FxSettlement');

  constructor(
    private readonly jobs: JobRegistry,
    private readonly orm: MikroORM,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: FX_SETTLEMENT_JOB, schedule: { everySeconds: 60 }, run: async () => {
      await this.run();
    } });
  }

  async run(now = new Date()): Promise<{ settled: number; waitingForRate: number }> {
    const candidates = await this.orm.em.fork().execute<Array<{ seller_id: string; order_no: string; currency: string }>>(
      `select a.seller_id, a.order_no, a.currency from ledger_account a join seller s on s.id = a.seller_id
        where a.kind = 'CREDITED' and a.balance > 0 and a.currency <> s.settlement_currency order by a.seller_id, a.order_no limit 500`,
    );
    let settled = 0;
    let waitingForRate = 0;
    for (const c of candidates) {
      const outcome = await this.orm.em.fork().transactional(async (em) => settleOrderFunds(em, { sellerId: c.seller_id, orderNo: c.order_no, currency: c.currency }, now));
      if (outcome === 'SETTLED') settled++;
      if (outcome === 'NO_RATE') waitingForRate++;
    }
    if (settled + waitingForRate > 0) this.log.log({ settled, waitingForRate }, `fx settlement: ${settled} settled, ${waitingForRate} waiting for a rate`);
    return { settled, waitingForRate };
  }
}
