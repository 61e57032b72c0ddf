import { Injectable } from '@nestjs/common';
import { type FilterQuery, MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { InboundMessageEntity } from '@ereceipt/messaging';
import type { ListRemittancesQuery } from './list-remittances.dto';
import { RemittanceEntity } from './remittance.entity';
import { type ArchivedPosition, toRemittanceView } from './remittance-view.mapper';
import { RemittanceHooks } from './remittance-hooks';
import type { RemittancePageDto, RemittanceViewDto } from './remittance-view.dto';

const DEFAULT_PAGE = 50;

interface Cursor {
  receivedAt: string;
  id: string;
}

function encodeCursor(r: RemittanceEntity): string {
  return Buffer.from(JSON.stringify([r.receivedAt.toISOString(), r.id])).toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string' && !Number.isNaN(Date.parse(value[0]))) return { receivedAt: value[0], id: value[1] };
  } catch {
    // reported below
  }
  throw new DomainError('REMITTANCE.BAD_CURSOR', 'cursor: not a cursor returned by GET /remittances (pass nextCursor unchanged)');
}

/**
 * Reads of remittances. Newest first, keyset paging on (receivedAt, id). A seller token sees only
 * its own seller's rows, whatever `sellerId` it asks for; others are not found for it.
 */
@Injectable()
export class RemittanceQueries {
  constructor(
    private readonly orm: MikroORM,
    private readonly hooks: RemittanceHooks = new RemittanceHooks(),
  ) {}

  async get(id: string, principal: Principal): Promise<RemittanceViewDto> {
    const em = this.orm.em.fork();
    const row = await em.findOne(RemittanceEntity, { id, ...(principal.role === 'seller' ? { sellerId: principal.sellerId ?? '00000000-0000-0000-0000-000000000000' } : {}) });
    if (!row) throw new DomainError('REMITTANCE.NOT_FOUND', `remittance ${id} not found`, 'not-found');
    const [view] = await this.views([row]);
    return view;
  }

  async list(query: ListRemittancesQuery, principal: Principal): Promise<RemittancePageDto> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const where: FilterQuery<RemittanceEntity> = {};
    if (query.status) where.status = query.status;
    if (query.currency) where.currency = query.currency;
    if (query.messageRef) where.messageRef = query.messageRef;
    if (query.uetr) where.uetr = query.uetr.toLowerCase();
    if (query.minAmount || query.maxAmount) where.amount = { ...(query.minAmount ? { $gte: query.minAmount } : {}), ...(query.maxAmount ? { $lte: query.maxAmount } : {}) };
    // Age: the exception queue asks for what has waited at least (or at most) so many hours.
    if (query.minAgeHours !== undefined || query.maxAgeHours !== undefined) {
      const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
      where.receivedAt = { ...(query.minAgeHours !== undefined ? { $lte: hoursAgo(query.minAgeHours) } : {}), ...(query.maxAgeHours !== undefined ? { $gte: hoursAgo(query.maxAgeHours) } : {}) };
    }
    const sellerId = principal.role === 'seller' ? principal.sellerId : query.sellerId;
    if (principal.role === 'seller' && !sellerId) return { items: [], nextCursor: null };
    if (sellerId) where.sellerId = sellerId;
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      const at = new Date(after.receivedAt);
      where.$or = [{ receivedAt: { $lt: at } }, { receivedAt: at, id: { $lt: after.id } }];
    }
    const rows = await this.orm.em.fork().find(RemittanceEntity, where, { orderBy: { receivedAt: 'desc', id: 'desc' }, limit: limit + 1 });
    const page = rows.slice(0, limit);
    return { items: await this.views(page), nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null };
  }

  private async views(rows: RemittanceEntity[]): Promise<RemittanceViewDto[]> {
    const ids = [...new Set(rows.map((r) => String(r.inboundMessageId)))];
    const archived = ids.length === 0 ? [] : await this.orm.em.fork().find(InboundMessageEntity, { id: { $in: ids } }, { fields: ['id', 'topic', 'partition', 'offset'] });
    const byId = new Map<string, ArchivedPosition>(archived.map((m) => [String(m.id), { topic: m.topic, partition: m.partition, offset: m.offset === null ? null : String(m.offset) }]));
    const extras = await this.hooks.viewExtras(rows.map((r) => r.id));
    return rows.map((r) => ({ ...toRemittanceView(r, byId.get(String(r.inboundMessageId))), ...extras.get(r.id) }));
  }
}
