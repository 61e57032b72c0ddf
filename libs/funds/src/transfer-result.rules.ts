import { z } from 'zod';

/** A `bank.transfer-results` message (docs/contract.md): `{instructionId, status, reason?, bankRef?, executedAt}`. */
export interface TransferResult {
  instructionId: string;
  status: 'COMPLETED' | 'FAILED';
  reason: string | null;
  bankRef: string | null;
  executedAt: string;
}

const schema = z.object({
  instructionId: z.string().uuid(),
  status: z.enum(['COMPLETED', 'FAILED']),
  reason: z.string().max(1000).nullish(),
  bankRef: z.string().max(64).nullish(),
  executedAt: z.string().datetime({ offset: true }),
});

export type ParsedTransferResult = { ok: true; value: TransferResult } | { ok: false; code: 'FUNDS.INVALID_RESULT'; message: string };

export function parseTransferResult(bytes: Buffer): ParsedTransferResult {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    return { ok: false, code: 'FUNDS.INVALID_RESULT', message: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const r = schema.safeParse(raw);
  if (!r.success) return { ok: false, code: 'FUNDS.INVALID_RESULT', message: r.error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; ') };
  return { ok: true, value: { instructionId: r.data.instructionId.toLowerCase(), status: r.data.status, reason: r.data.reason ?? null, bankRef: r.data.bankRef ?? null, executedAt: new Date(r.data.executedAt).toISOString() } };
}

/** What a result does to a withdrawal in a given status: apply it, ignore a repeat, or refuse a contradiction. */
export function resultTransition(current: 'REQUESTED' | 'COMPLETED' | 'FAILED', result: 'COMPLETED' | 'FAILED'): 'APPLY' | 'REPEAT' | 'CONFLICT' {
  if (current === 'REQUESTED') return 'APPLY';
  return current === result ? 'REPEAT' : 'CONFLICT';
}
