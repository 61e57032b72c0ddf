import { Injectable } from '@nestjs/common';
import { type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { CollectionAccountEntity, SellerEntity } from './seller.entity';
import type { SellerViewDto } from './seller.dto';

export function sellerNotFound(id: string): DomainError<'SELLERS.NOT_FOUND'> {
  return new DomainError('SELLERS.NOT_FOUND', `seller ${id} not found`, 'not-found');
}

export async function sellerView(em: EntityManager, seller: SellerEntity): Promise<SellerViewDto> {
  const accounts = await em.find(CollectionAccountEntity, { sellerId: seller.id }, { orderBy: { currency: 'asc' } });
  return {
    sellerId: seller.id,
    legalName: seller.legalName,
    customsCode: seller.customsCode,
    tradeMode: seller.tradeMode,
    settlementCurrency: seller.settlementCurrency,
    currencies: seller.currencies,
    contactEmail: seller.contactEmail,
    status: seller.status,
    rejectionReason: seller.rejectionReason,
    appliedAt: seller.appliedAt.toISOString(),
    decidedAt: seller.decidedAt?.toISOString() ?? null,
    collectionAccounts: accounts.map(({ currency, accountNumber, beneficiaryName, bankName, bic }) => ({ currency, accountNumber, beneficiaryName, bankName, bic })),
  };
}

/** Reads of sellers. A seller token sees only its own seller; any other id is "not found" for it. */
@Injectable()
export class SellerQueries {
  constructor(private readonly orm: MikroORM) {}

  async get(id: string, principal: Principal): Promise<SellerViewDto> {
    if (principal.role === 'seller' && principal.sellerId !== id) throw sellerNotFound(id);
    const em = this.orm.em.fork();
    const seller = await em.findOne(SellerEntity, { id });
    if (!seller) throw sellerNotFound(id);
    return sellerView(em, seller);
  }
}
