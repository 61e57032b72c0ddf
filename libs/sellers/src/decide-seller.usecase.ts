import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { LockMode, MikroORM } from '@mikro-orm/postgresql';
import { CollectionAccountEntity, SellerEntity } from './seller.entity';
import type { SellerViewDto } from './seller.dto';
import { COLLECTION_BANK, decideApplication } from './seller.rules';
import { sellerNotFound, sellerView } from './sellers.query';
import { virtualAccountNumber } from './virtual-account.rules';

/**
 * Approves or rejects a PENDING application (409 otherwise), under a row lock so two admins
 * cannot both decide. Approval opens one virtual collection account per accepted currency.
 */
@Injectable()
export class DecideSeller {
  constructor(private readonly orm: MikroORM) {}

  async approve(sellerId: string): Promise<SellerViewDto> {
    return this.decide(sellerId, 'APPROVE');
  }

  async reject(sellerId: string, reason: string): Promise<SellerViewDto> {
    return this.decide(sellerId, 'REJECT', reason);
  }

  private async decide(sellerId: string, decision: 'APPROVE' | 'REJECT', reason?: string): Promise<SellerViewDto> {
    return this.orm.em.fork().transactional(async (em) => {
      const seller = await em.findOne(SellerEntity, { id: sellerId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!seller) throw sellerNotFound(sellerId);
      seller.status = decideApplication(seller.status, decision, reason);
      seller.decidedAt = new Date();
      seller.rejectionReason = decision === 'REJECT' ? (reason ?? '').trim() : null;
      if (decision === 'APPROVE') {
        for (const currency of seller.currencies) {
          const [{ n }] = await em.execute<Array<{ n: string }>>(`select nextval('collection_account_seq')::text as n`);
          em.create(CollectionAccountEntity, { id: randomUUID(), sellerId, currency, accountNumber: virtualAccountNumber(BigInt(n)), beneficiaryName: seller.legalName, ...COLLECTION_BANK, createdAt: new Date() });
        }
      }
      await em.flush();
      return sellerView(em, seller);
    });
  }
}
