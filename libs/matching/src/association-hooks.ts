import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The port through which funds follow associations without matching importing funds (libs/funds
 * imports libs/matching; dependency-cruiser forbids the cycle). `changed` runs inside the
 * transaction that created, approved, rejected or unbound the association, after its status is
 * written, so the ledger entry commits (or fails) with the change: a listener that throws (funds
 * already withdrawn) rolls the change back.
 */
export interface AssociationListener {
  changed(em: EntityManager, associationId: string): Promise<void>;
}

let listener: AssociationListener | null = null;

export const associationHooks = {
  /** One listener (the funds module); registering again replaces it (tests build several modules). */
  register(l: AssociationListener): void {
    listener = l;
  },
  async changed(em: EntityManager, associationId: string): Promise<void> {
    await listener?.changed(em, associationId);
  },
};
