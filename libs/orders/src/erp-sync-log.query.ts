import { Injectable } from '@nestjs/common';
import { type FilterQuery, MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { ErpOrderSyncEntity } from './erp-order-sync.entities';
import type { ErpSyncEntryDto, ErpSyncLogDto, ErpSyncLogQuery } from './erp-sync-log.dto';
import { sellerScope } from './order-access';

/** The ERP sync log, newest first: a seller sees that a stale update arrived and was ignored. */
@Injectable()
export class ErpSyncLogQueries {
  constructor(private readonly orm: MikroORM) {}

  async list(query: ErpSyncLogQuery, principal: Principal): Promise<ErpSyncLogDto> {
    const where: FilterQuery<ErpOrderSyncEntity> = { ...(query.sellerId ? { sellerId: query.sellerId } : {}), ...sellerScope(principal) };
    if (query.externalOrderId) where.externalOrderId = query.externalOrderId;
    if (query.outcome) where.outcome = query.outcome;
    const rows = await this.orm.em.fork().find(ErpOrderSyncEntity, where, { orderBy: { receivedAt: 'desc', id: 'desc' }, limit: query.limit ?? 50 });
    return { items: rows.map(toEntry) };
  }
}

function toEntry(r: ErpOrderSyncEntity): ErpSyncEntryDto {
  return {
    sellerId: r.sellerId,
    externalOrderId: r.externalOrderId,
    version: r.version,
    action: r.action,
    submit: r.submit,
    outcome: r.outcome,
    appliedVersion: r.appliedVersion,
    orderNo: r.orderNo,
    detail: r.detail,
    format: r.format,
    receivedAt: r.receivedAt.toISOString(),
  };
}
