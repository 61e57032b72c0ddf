import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@ereceipt/auth';
import { DomainError, isDomainError } from '@ereceipt/contracts';
import { ReturnRemittance } from '@ereceipt/funds';
import { ApproveAssociation, AssociateRemittance } from '@ereceipt/matching';

export const bulkActions = ['return', 'associate', 'accept-suggestion', 'approve'] as const;
export type BulkActionName = (typeof bulkActions)[number];

/** At most this many remittances per call (each is its own transaction). */
export const BULK_LIMIT = 200;

export interface BulkRowResult {
  remittanceId: string;
  ok: boolean;
  /** What became of it: PROPOSED (waits for a second finance person), ASSOCIATED, FIRST_APPROVAL, RETURN_AWAITING_SECOND_APPROVAL, RETURN_REQUESTED; REFUSED with the code. */
  outcome: 'PROPOSED' | 'ASSOCIATED' | 'FIRST_APPROVAL' | 'RETURN_AWAITING_SECOND_APPROVAL' | 'RETURN_REQUESTED' | 'REFUSED';
  code: string | null;
  message: string;
}

/**
 * A selection of the exception queue handled in one action (issue 22 §5): each remittance goes
 * through the very use case a single action uses (its own transaction, its audit rows, its four eyes),
 * one after the other, and gets its own result; one refusal does not stop the others.
 *
 * - `return`: `ReturnRemittance` (above the four-eyes threshold a first call only asks; the same
 *   bulk action by a second finance person carries each out);
 * - `associate`: each remittance's whole amount to the order `orderNo` (`AssociateRemittance`: a
 *   finance person's association is PROPOSED and waits for a second one);
 * - `accept-suggestion`: the engine's suggestion when it had exactly one (its allocations);
 * - `approve`: the PROPOSED association of each remittance (`ApproveAssociation`), the second pair of eyes.
 */
@Injectable()
export class BulkRemittanceAction {
  constructor(
    private readonly orm: MikroORM,
    private readonly returns: ReturnRemittance,
    private readonly associate: AssociateRemittance,
    private readonly approve: ApproveAssociation,
  ) {}

  async execute(action: BulkActionName, remittanceIds: string[], principal: Principal, options: { orderNo?: string | null } = {}): Promise<BulkRowResult[]> {
    if (principal.role !== 'finance' && principal.role !== 'admin') throw new DomainError('CONSOLE.FORBIDDEN', 'only finance or an admin acts on the exception queue', 'forbidden');
    const ids = [...new Set(remittanceIds)];
    if (ids.length === 0) throw new DomainError('CONSOLE.INVALID', 'remittanceIds: select at least one remittance');
    if (ids.length > BULK_LIMIT) throw new DomainError('CONSOLE.INVALID', `remittanceIds: at most ${BULK_LIMIT} at once (${ids.length} given)`);
    if (action === 'associate' && !options.orderNo) throw new DomainError('CONSOLE.INVALID', 'orderNo: the order to associate the selection with');
    const results: BulkRowResult[] = [];
    for (const id of ids) {
      try {
        results.push({ remittanceId: id, ok: true, code: null, ...(await this.one(action, id, principal, options.orderNo ?? null)) });
      } catch (e) {
        if (!isDomainError(e)) throw e;
        results.push({ remittanceId: id, ok: false, outcome: 'REFUSED', code: e.code, message: e.message });
      }
    }
    return results;
  }

  private async one(action: BulkActionName, id: string, principal: Principal, orderNo: string | null): Promise<Pick<BulkRowResult, 'outcome' | 'message'>> {
    switch (action) {
      case 'return': {
        const r = await this.returns.execute(id, {}, principal);
        return r.status === 'REQUESTED'
          ? { outcome: 'RETURN_REQUESTED', message: `returned ${r.currency} ${r.amount} to the payer (fee ${r.fee})${r.approvedBy ? `; asked by ${r.requestedBy.slice(r.requestedBy.indexOf(':') + 1)}` : ''}` }
          : { outcome: 'RETURN_AWAITING_SECOND_APPROVAL', message: `return of ${r.currency} ${r.amount} (fee ${r.fee}) asked; a second finance person carries it out` };
      }
      case 'associate':
      case 'accept-suggestion': {
        const allocations = action === 'associate' ? [{ orderNo: (orderNo ?? '').trim().toUpperCase(), amount: await this.amountOf(id) }] : await this.suggestion(id);
        const r = await this.associate.execute(id, allocations, principal);
        const what = allocations.map((a) => `${a.orderNo} ${a.amount}`).join(', ');
        return r.status === 'APPROVED' ? { outcome: 'ASSOCIATED', message: `associated: ${what}` } : { outcome: 'PROPOSED', message: `proposed: ${what}; a second finance person approves it` };
      }
      case 'approve': {
        const [proposed] = await this.orm.em.fork().execute<Array<{ id: string }>>(`select id from remittance_association where remittance_id = ? and status = 'PROPOSED' order by created_at limit 1`, [id]);
        if (!proposed) throw new DomainError('CONSOLE.NOTHING_TO_APPROVE', `remittance ${id} has no proposed association`, 'conflict');
        const r = await this.approve.execute(proposed.id, principal);
        return r.status === 'APPROVED'
          ? { outcome: 'ASSOCIATED', message: `approved${r.firstApprovedBy ? ` (four eyes with ${r.firstApprovedBy.slice(r.firstApprovedBy.indexOf(':') + 1)})` : ''}: the funds are credited` }
          : { outcome: 'FIRST_APPROVAL', message: 'first approval recorded; a second finance person approves it' };
      }
    }
  }

  private async amountOf(id: string): Promise<string> {
    const [r] = await this.orm.em.fork().execute<Array<{ amount: string }>>(`select amount::text as amount from remittance where id = ?`, [id]);
    if (!r) throw new DomainError('CONSOLE.NOT_FOUND', `remittance ${id} not found`, 'not-found');
    return r.amount;
  }

  /** The engine's one suggestion (a SUGGEST with a single alternative, or a single candidate), as allocations. */
  private async suggestion(id: string): Promise<Array<{ orderNo: string; amount: string }>> {
    type Allocation = { orderNo: string; amount: string };
    const [d] = await this.orm.em.fork().execute<Array<{ outcome: string; alternatives: Allocation[][] | null; candidates: Allocation[] | null }>>(
      `select outcome, decision->'alternatives' as alternatives, decision->'candidates' as candidates from match_decision where remittance_id = ?`, [id],
    );
    const alternatives = d?.alternatives ?? [];
    const candidates = d?.candidates ?? [];
    if (!d || d.outcome !== 'SUGGEST' || (alternatives.length === 0 && candidates.length === 0)) throw new DomainError('CONSOLE.NO_SUGGESTION', `the engine suggested nothing for remittance ${id}; associate it on its page`, 'conflict');
    if (alternatives.length === 1) return alternatives[0];
    if (alternatives.length === 0 && candidates.length === 1) return [{ orderNo: candidates[0].orderNo, amount: candidates[0].amount }];
    throw new DomainError('CONSOLE.SEVERAL_SUGGESTIONS', `the engine suggested ${Math.max(alternatives.length, candidates.length)} different orders or splits for remittance ${id}; choose on its page`, 'conflict');
  }
}
