import { Injectable } from '@nestjs/common';
import { type FilterQuery, MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { sellerScope } from '@ereceipt/orders';
import { SellerEntity } from '@ereceipt/sellers';
import { EvaluationEntity } from './evaluation.entity';
import { toEvaluationView } from './evaluation-view';
import { utcDay } from './evaluation-window.rules';
import type { EvaluationPageDto, ListEvaluationsQuery, SupplierScoreDto } from './evaluation.dto';
import { SupplierScoreEntity } from './supplier-score.entity';
import { emptyTotals, figuresOf } from './supplier-score.rules';
import { totalsOfRow } from './supplier-score.repository';

const DEFAULT_PAGE = 20;

function encodeCursor(e: EvaluationEntity): string {
  return Buffer.from(JSON.stringify([e.submittedAt.toISOString(), e.id])).toString('base64url');
}

function decodeCursor(cursor: string): { submittedAt: Date; id: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/i.test(v[1]) && !Number.isNaN(Date.parse(v[0]))) return { submittedAt: new Date(v[0]), id: v[1] };
  } catch {
    // reported below
  }
  throw new DomainError('EVALUATIONS.BAD_CURSOR', 'cursor: not a cursor returned by GET /suppliers/{sellerId}/evaluations (pass nextCursor unchanged)');
}

/**
 * Reads of a supplier's score and evaluations. A seller token reads only its own (another
 * seller is "not found"); admin and finance read any. The score is what was last published.
 */
@Injectable()
export class EvaluationQueries {
  constructor(private readonly orm: MikroORM) {}

  private async assertSeller(sellerId: string, principal: Principal): Promise<void> {
    const scope = sellerScope(principal);
    const seller = scope.sellerId && scope.sellerId !== sellerId ? null : await this.orm.em.fork().findOne(SellerEntity, { id: sellerId }, { fields: ['id'] });
    if (!seller) throw new DomainError('EVALUATIONS.SUPPLIER_NOT_FOUND', `supplier ${sellerId} not found`, 'not-found');
  }

  async score(sellerId: string, principal: Principal, now = new Date()): Promise<SupplierScoreDto> {
    await this.assertSeller(sellerId, principal);
    const row = await this.orm.em.fork().findOne(SupplierScoreEntity, { sellerId });
    const f = figuresOf(row ? totalsOfRow(row) : emptyTotals(utcDay(now)));
    return {
      sellerId,
      version: row?.version ?? 0,
      evaluationCount: f.evaluationCount,
      averages: f.averages,
      window: f.window,
      positiveRate: f.positiveRate,
      updatedAt: row && row.version > 0 ? row.updatedAt.toISOString() : null,
    };
  }

  async list(sellerId: string, query: ListEvaluationsQuery, principal: Principal): Promise<EvaluationPageDto> {
    await this.assertSeller(sellerId, principal);
    const limit = query.limit ?? DEFAULT_PAGE;
    const where: FilterQuery<EvaluationEntity> = { sellerId };
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      where.$or = [{ submittedAt: { $lt: after.submittedAt } }, { submittedAt: after.submittedAt, id: { $lt: after.id } }];
    }
    const rows = await this.orm.em.fork().find(EvaluationEntity, where, { orderBy: { submittedAt: 'desc', id: 'desc' }, limit: limit + 1 });
    const page = rows.slice(0, limit);
    return { items: page.map(toEvaluationView), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null };
  }
}
