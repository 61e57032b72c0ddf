import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { HUB_CONFIG, type HubConfig } from '@ereceipt/config';
import { MailOutboxWriterFactory } from '@ereceipt/notifications';
import { JobRegistry } from '@ereceipt/scheduling';
import { renderDailyReportMail, reportDayFor } from './daily-report.mail';
import { ReconciliationReports, reportFilter } from './reconciliation-reports.service';
import { reportToXlsx } from './report-xlsx';

export const DAILY_REPORT_JOB = 'reports.daily-reconciliation-mail';

/**
 * Every day at REPORT_MAIL_AT in REPORT_MAIL_TIME_ZONE: yesterday's reconciliation to each address
 * of REPORT_MAIL_TO, XLSX attached, through the mail outbox. Idempotent per day: the dedupe key is
 * `reconciliation-report:<day>:<address>`, so a retried or repeated run queues nothing new.
 * Not registered when no recipient is configured.
 */
@Injectable()
export class DailyReportMailJob implements OnModuleInit {
  private readonly log = new Logger('DailyReportMail');

  constructor(
    private readonly jobs: JobRegistry,
    private readonly orm: MikroORM,
    private readonly reports: ReconciliationReports,
    private readonly mail: MailOutboxWriterFactory,
    @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'reportMail' | 'http'>,
  ) {}

  onModuleInit(): void {
    const { to, at, timeZone } = this.config.reportMail;
    if (to.length === 0) return;
    this.jobs.register({ name: DAILY_REPORT_JOB, schedule: { dailyAt: at, timeZone }, run: async ({ due }) => void (await this.send(due)) });
  }

  /** Queues the day's mail for every recipient; returns how many were queued now (0 when already done). */
  async send(due: Date): Promise<number> {
    const day = reportDayFor(due, this.config.reportMail.timeZone);
    const report = await this.reports.build(reportFilter({ from: day, to: day }, null));
    const mail = renderDailyReportMail(report, await reportToXlsx(report), `${this.config.http.publicUrl}/console/queue`);
    const queued = await this.orm.em.fork().transactional(async (em) => {
      const writer = this.mail.for(em);
      let n = 0;
      for (const to of this.config.reportMail.to) {
        if ((await writer.queue({ kind: 'reconciliation-report', to, dedupeKey: `reconciliation-report:${day}:${to}`, ...mail })).queued) n += 1;
      }
      await writer.notifyRelay();
      return n;
    });
    if (queued > 0) this.log.log({ day, queued }, `daily reconciliation mail queued for ${day}`);
    return queued;
  }
}
