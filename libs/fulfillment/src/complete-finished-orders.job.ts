import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { JobRegistry } from '@ereceipt/scheduling';
import { completeFinishedOrders } from './complete-finished-orders.usecase';

export const COMPLETE_FINISHED_ORDERS_JOB = 'fulfillment.complete-finished-orders';

/** Every 30 seconds (role `schedulers`): completes orders that became paid after they were delivered. */
@Injectable()
export class CompleteFinishedOrdersJob implements OnModuleInit {
  private readonly log = new Logger('CompleteFinishedOrders');

  constructor(
    private readonly jobs: JobRegistry,
    private readonly orm: MikroORM,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: COMPLETE_FINISHED_ORDERS_JOB, schedule: { everySeconds: 30 }, run: async ({ now }) => this.run(now) });
  }

  async run(now: Date): Promise<void> {
    const completed = await completeFinishedOrders(this.orm.em.fork(), now);
    if (completed.length > 0) this.log.log({ completed }, `completed (paid after delivery): ${completed.join(', ')}`);
  }
}
