import type { Principal } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import type { RefundSide } from './funds.entities';

/** Who acts on a refund: the buyer (through the signed link of the order) or the seller side (the seller itself, or an admin). */
export interface RefundActor {
  side: RefundSide;
  actor: string;
  /** The seller a seller token is bound to (null for the buyer and admins). */
  sellerId: string | null;
}

export function sellerSide(principal: Principal): RefundActor {
  if (principal.role !== 'seller' && principal.role !== 'admin') throw new DomainError('FUNDS.FORBIDDEN', 'only the seller or an admin acts for the seller side', 'forbidden');
  return { side: 'SELLER', actor: `${principal.role}:${principal.name}`, sellerId: principal.role === 'seller' ? principal.sellerId : null };
}

export const buyerSide = (orderNo: string): RefundActor => ({ side: 'BUYER', actor: `buyer:${orderNo}`, sellerId: null });
