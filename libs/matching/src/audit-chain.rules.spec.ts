import { type AuditContent, type AuditRow, auditHash, canonicalJson, GENESIS_HASH, verifyChain } from './audit-chain.rules';

function chainOf(contents: AuditContent[]): AuditRow[] {
  let prev = GENESIS_HASH;
  return contents.map((c, i) => {
    const hash = auditHash(prev, c);
    const row = { ...c, seq: String(i + 1), prevHash: prev, hash };
    prev = hash;
    return row;
  });
}

const base: AuditContent = { chain: 's1', remittanceId: 'r1', associationId: 'a1', action: 'AUTO_ASSOCIATE', actor: 'system', payload: { allocations: [{ orderNo: 'EO-2026-000001', amount: '100.00' }] }, at: '2026-11-27T05:00:00.000Z' };

describe('association audit chain', () => {
  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
  });

  it('an intact chain verifies', () => {
    const rows = chainOf([base, { ...base, action: 'APPROVE', actor: 'finance' }, { ...base, action: 'UNBIND', actor: 'seller' }]);
    expect(verifyChain(rows)).toEqual({ ok: true, rows: 3 });
  });

  it('a tampered payload, a deleted row or a rewritten hash breaks the chain', () => {
    const rows = chainOf([base, { ...base, action: 'APPROVE' }, { ...base, action: 'UNBIND' }]);
    const tampered = rows.map((r, i) => (i === 1 ? { ...r, payload: { allocations: [{ orderNo: 'EO-2026-000001', amount: '1.00' }] } } : r));
    expect(verifyChain(tampered)).toEqual({ ok: false, seq: '2', problem: 'HASH' });
    expect(verifyChain([rows[0], rows[2]])).toEqual({ ok: false, seq: '3', problem: 'PREV_HASH' });
    const forged: AuditContent = { ...base, action: 'APPROVE', actor: 'mallory' };
    const rehashed = rows.map((r, i) => (i === 1 ? { ...r, ...forged, hash: auditHash(r.prevHash, forged) } : r));
    expect(verifyChain(rehashed)).toEqual({ ok: false, seq: '3', problem: 'PREV_HASH' });
  });
});
