import { Inject, Injectable, Optional } from '@nestjs/common';
import { type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { FUNDS_REPORT_SOURCE, type FundsReportSource, NO_FUNDS } from './funds-report.port';
import type { ExceptionRow, ReconciliationReport, RemittanceCategory, ReportFilter } from './reconciliation-report';
import { ReconciliationRepository } from './reconciliation.repository';
import { AggregateReconciliationRepository } from './report-aggregates';
import { summarise } from './reconciliation.rules';
import { ExceptionQueueQuery, type QueuePage, type QueueRequest } from './exception-queue.query';

export const EXCEPTIONS_LIMIT = 500;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 366;

/** Checks the filter and scopes a seller token to its own seller (whatever it asked for). */
export function reportFilter(input: { from?: string; to?: string; sellerId?: string | null; currency?: string | null; bank?: string | null }, principal: Principal | null): ReportFilter {
  const { from, to } = input;
  if (!from || !DAY.test(from) || Number.isNaN(Date.parse(from))) throw new DomainError('REPORTS.INVALID', 'from: a day YYYY-MM-DD is required');
  if (!to || !DAY.test(to) || Number.isNaN(Date.parse(to))) throw new DomainError('REPORTS.INVALID', 'to: a day YYYY-MM-DD is required');
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (days < 0) throw new DomainError('REPORTS.INVALID', 'to: must not be before from');
  if (days >= MAX_DAYS) throw new DomainError('REPORTS.INVALID', `to: a period is at most ${MAX_DAYS} days`);
  const sellerId = principal?.role === 'seller' ? principal.sellerId : (input.sellerId ?? null);
  return { from, to, sellerId, currency: input.currency ?? null, bank: input.bank ?? null };
}

/**
 * For this transaction only: no JIT (the grouped joins' row estimates are far off, so PostgreSQL
 * spent over a second compiling a plan that runs in less; see bench/report.bench.ts) and room for
 * the per-remittance hash aggregates in memory instead of spilling to disk.
 */
async function tuneForReport(tx: EntityManager): Promise<void> {
  await tx.execute(`set local jit = off`);
  await tx.execute(`set local work_mem = '128MB'`);
}

/** Ages are counted to the end of the period, or to now when the period is not over. */
function asOfFor(filter: ReportFilter, now: Date): Date {
  const endOfPeriod = new Date(Date.parse(filter.to) + 86_400_000 - 1);
  return endOfPeriod < now ? endOfPeriod : now;
}

/**
 * Where a report's figures come from: `aggregates` (the default: the maintained aggregates,
 * corrected by the job's backlog) or `full` (every remittance of the period classified again; the
 * reference the property test and the bench compare with).
 */
export type ReportPath = 'aggregates' | 'full';

const repository = (tx: EntityManager, path: ReportPath) => (path === 'full' ? new ReconciliationRepository(tx) : new AggregateReconciliationRepository(tx));

/** Builds the reconciliation report (JSON shape); the CSV and XLSX are renderings of it. */
@Injectable()
export class ReconciliationReports {
  constructor(
    private readonly orm: MikroORM,
    @Optional() @Inject(FUNDS_REPORT_SOURCE) private readonly funds: FundsReportSource | null = null,
  ) {}

  /** The exception queue (what waits for a person), oldest first, with the report's definitions of state and age. */
  async queue(filter: ReportFilter, options: { category?: RemittanceCategory | null; minAgeDays?: number | null; limit?: number }, now: Date = new Date(), path: ReportPath = 'aggregates'): Promise<{ rows: ExceptionRow[]; total: number }> {
    const asOfDay = asOfFor(filter, now).toISOString().slice(0, 10);
    return this.orm.em.fork().transactional(async (tx) => {
      await tuneForReport(tx);
      return repository(tx, path).exceptions(filter, asOfDay, options.limit ?? EXCEPTIONS_LIMIT, options);
    });
  }

  /**
   * One page of the exception queue by keyset cursor, sorted and searched (issue 22 §5); ages and
   * states as in the report. `request.filter` comes from `reportFilter` (a seller sees its own).
   */
  async queuePage(request: QueueRequest, now: Date = new Date()): Promise<QueuePage> {
    const asOfDay = asOfFor(request.filter, now).toISOString().slice(0, 10);
    return this.orm.em.fork().transactional(async (tx) => {
      await tx.execute('set transaction isolation level repeatable read, read only');
      await tx.execute(`set local jit = off`);
      return new ExceptionQueueQuery(tx).page(request, asOfDay);
    });
  }

  /**
   * The funds section alone (ledger balances; the console's balances page): milliseconds, where the
   * whole report of the same period reads every remittance in it.
   */
  async fundsSection(filter: ReportFilter): Promise<ReconciliationReport['funds']> {
    return this.funds ? { available: true, note: null, ...(await this.funds.section(filter)) } : NO_FUNDS;
  }

  async build(filter: ReportFilter, now: Date = new Date(), path: ReportPath = 'aggregates'): Promise<ReconciliationReport> {
    const asOf = asOfFor(filter, now);
    const asOfDay = asOf.toISOString().slice(0, 10);
    const em = this.orm.em.fork();
    return em.transactional(async (tx) => {
      // One snapshot for every read, so the sections agree with each other.
      await tx.execute('set transaction isolation level repeatable read, read only');
      await tuneForReport(tx);
      const repo = repository(tx, path);
      const [groups, duplicates, irregular] = [await repo.groups(filter, asOfDay), await repo.duplicates(filter), await repo.irregular(filter)];
      const { currencies, daily } = summarise(groups, duplicates, irregular);
      const exceptions = await repo.exceptions(filter, asOfDay, EXCEPTIONS_LIMIT);
      const discrepancies = await repo.discrepancies(filter);
      const funds = await this.fundsSection(filter);
      if (this.funds) discrepancies.push(...(await this.funds.discrepancies(filter)));
      const count = (pick: (c: (typeof currencies)[number]) => number) => currencies.reduce((n, c) => n + pick(c), 0);
      return {
        filter,
        generatedAt: now.toISOString(),
        asOf: asOf.toISOString(),
        totals: {
          received: count((c) => c.received.count),
          associated: count((c) => c.byCategory.associatedAuto.count + c.byCategory.associatedManual.count),
          unmatched: count((c) => c.byCategory.unmatched.count),
          suggested: count((c) => c.byCategory.suggested.count),
          discrepancies: discrepancies.reduce((n, d) => n + d.records.length, 0),
        },
        currencies,
        daily,
        funds,
        discrepancies,
        exceptions: exceptions.rows,
        exceptionsTotal: exceptions.total,
      };
    });
  }
}
