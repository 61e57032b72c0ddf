import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { SellerEntity } from './seller.entity';
import type { SellerViewDto } from './seller.dto';
import { type SellerApplicationInput, validateApplication } from './seller.rules';
import { sellerView } from './sellers.query';

/** A seller applies for the service (through an admin for now, see libs/sellers/README.md): PENDING. */
@Injectable()
export class ApplySeller {
  constructor(private readonly orm: MikroORM) {}

  async execute(input: SellerApplicationInput): Promise<SellerViewDto> {
    const application = validateApplication(input);
    const em = this.orm.em.fork();
    const seller = em.create(SellerEntity, { id: randomUUID(), ...application, status: 'PENDING', rejectionReason: null, appliedAt: new Date(), decidedAt: null });
    await em.flush();
    return sellerView(em, seller);
  }
}
