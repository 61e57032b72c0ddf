import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { JobRegistry } from '@ereceipt/scheduling';
import { flagMissedShipDates } from './flag-missed-ship-dates.usecase';

export const SHIP_DATE_DEADLINE_JOB = 'fulfillment.ship-date-deadline';

/**
 * Every 15 minutes (role `schedulers`, once per slot across replicas): flag orders whose expected
 * ship date passed with no logistics information. A date passes at 00:00 UTC the day after; a
 * quarter of an hour late at most is fine for a hold on crediting.
 */
@Injectable()
export class ShipDateDeadlineJob implements OnModuleInit {
  private readonly log = new Logger('ShipDateDeadline');

  constructor(
    private readonly jobs: JobRegistry,
    private readonly orm: MikroORM,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: SHIP_DATE_DEADLINE_JOB, schedule: { everySeconds: 900 }, run: async ({ due, now }) => this.run(due, now) });
  }

  async run(due: Date, now: Date): Promise<void> {
    const flagged = await flagMissedShipDates(this.orm.em.fork(), due, now);
    if (flagged.length > 0) this.log.warn({ flagged }, `ship date missed with no logistics information: ${flagged.join(', ')}`);
  }
}
