import { renderApprovals, type WaitingApproval } from './approvals.page';

describe('approvals page', () => {
  const ctx = { csrf: 'tok', user: 'carol@example.com' };
  const refund: WaitingApproval = { requestId: '0b8f6a5e-0000-4000-8000-000000000001', kind: 'REFUND', what: 'EO-2026-000001 · <b>ACME</b>', href: null, amount: 'USD 300.00', requestedBy: 'buyer:EO-2026-000001', requestedAt: '2026-12-07T10:00:00.000Z', waitsFor: 'two finance people (accepted by the counterparty)' };
  const association: WaitingApproval = { requestId: null, kind: 'ASSOCIATION', what: 'REF-1', href: '/console/remittances/x', amount: 'EUR 1.00', requestedBy: 'finance:alice@example.com', requestedAt: '2026-12-07T11:00:00.000Z', waitsFor: 'a second finance person' };

  it('lists each waiting item with who asked and what it waits for; an Approve form (with the CSRF token) only for four-eyes requests', () => {
    const page = renderApprovals([refund, association], ctx, { done: null, error: null });
    expect(page).toContain('data-approvals-total="2"');
    expect(page).toContain(`action="/console/approvals/${refund.requestId}/approve"`);
    expect(page.match(/<form method="post" action="\/console\/approvals\//g)).toHaveLength(1);
    expect(page).toContain('name="csrf" value="tok"');
    expect(page).toContain('<td data-requested-by>alice@example.com</td>');
    expect(page).toContain('Refund acceptance');
    expect(page).toContain('two finance people (accepted by the counterparty)');
  });

  it('escapes what it shows', () => {
    const page = renderApprovals([refund], ctx, { done: null, error: '<script>x</script>' });
    expect(page).not.toContain('<b>ACME</b>');
    expect(page).not.toContain('<script>x</script>');
    expect(page).toContain('&lt;b&gt;ACME&lt;/b&gt;');
  });
});
