import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { actorOf as principalActor, type Principal } from '@ereceipt/auth';
import { DomainError } from '@ereceipt/contracts';
import { RemittanceEntity } from '@ereceipt/remittances';
import type { AssociationWithAllocations } from './infrastructure/associations.repository';
import { AssociationsRepository } from './infrastructure/associations.repository';

/** `<role>:<name>`: a person's e-mail or a machine token's name and id (see `@ereceipt/auth` four-eyes rules). */
export const actorOf = principalActor;

const notFound = (what: string) => new DomainError('MATCHING.NOT_FOUND', `${what} not found`, 'not-found');

/** The remittance, locked; a seller token sees only its own seller's ("not found" otherwise, no probing). */
export async function lockRemittance(em: EntityManager, id: string, principal: Principal): Promise<RemittanceEntity> {
  const r = await em.findOne(RemittanceEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!r || (principal.role === 'seller' && (!principal.sellerId || r.sellerId !== principal.sellerId))) throw notFound(`remittance ${id}`);
  return r;
}

/** The association (locked) and its remittance (locked), with the same seller scoping. */
export async function lockAssociation(em: EntityManager, id: string, principal: Principal): Promise<AssociationWithAllocations & { remittance: RemittanceEntity }> {
  const found = await new AssociationsRepository(em).lock(id);
  if (!found || (principal.role === 'seller' && found.association.sellerId !== principal.sellerId)) throw notFound(`association ${id}`);
  const remittance = await lockRemittance(em, found.association.remittanceId, principal);
  return { ...found, remittance };
}
