import type { EntityManager } from '@mikro-orm/postgresql';
import { type LedgerReport, verifyBook } from './ledger.rules';
import { loadBook } from './infrastructure/ledger.reader';

/**
 * `ereceipt ledger verify`: reads every line and stored balance in one repeatable-read snapshot and
 * runs the pure verification (`verifyBook`). Reads the whole book into memory: fine at this scale;
 * a streaming version per seller is the next step when it is not.
 */
export async function verifyLedger(em: EntityManager): Promise<LedgerReport> {
  return em.transactional(
    async (tx) => {
      const { lines, stored } = await loadBook(tx);
      return verifyBook(lines, stored);
    },
    { isolationLevel: 'repeatable read' as never, readOnly: true },
  );
}
