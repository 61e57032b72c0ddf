import { html } from '@ereceipt/notifications';
import { layout, type LayoutContext } from './console-layout';

/** One thing that waits for a second pair of eyes (a `four_eyes_request` that is PENDING, or a PROPOSED association). */
export interface WaitingApproval {
  /** The four-eyes request's id (what the approve form posts), or null for an association (approved on its remittance page). */
  requestId: string | null;
  kind: 'RETURN' | 'MATCHING_SETTINGS' | 'REFUND' | 'FUNDS_SETTINGS' | 'ASSOCIATION';
  what: string;
  /** Where the details are. */
  href: string | null;
  amount: string | null;
  requestedBy: string;
  requestedAt: string;
  waitsFor: string;
}

const kindWords: Record<WaitingApproval['kind'], string> = {
  RETURN: 'Return to the payer',
  MATCHING_SETTINGS: 'Matching settings',
  REFUND: 'Refund acceptance',
  FUNDS_SETTINGS: 'Funds settings',
  ASSOCIATION: 'Association',
};

const who = (actor: string) => actor.slice(actor.indexOf(':') + 1);

/** What waits for a second pair of eyes, oldest first: returns, refunds, settings changes, associations. */
export function renderApprovals(rows: WaitingApproval[], ctx: LayoutContext, msg: { done: string | null; error: string | null }): string {
  const body = html`<h1>Waiting for a second pair of eyes</h1>
${msg.done ? html`<section class="card notice" role="status">${msg.done}</section>` : ''}${msg.error ? html`<section class="card notice error" role="alert">${msg.error}</section>` : ''}
<section class="card"><p class="muted" data-approvals-total="${rows.length}">${rows.length} waiting. The one who asked cannot approve it (four eyes); associations are approved on their remittance page.</p>
<table><thead><tr><th>Asked</th><th>What</th><th>Subject</th><th class="num">Amount</th><th>Asked by</th><th>Waits for</th><th></th></tr></thead>
<tbody>${rows.map((r) => html`<tr data-approval="${r.kind}" data-request="${r.requestId ?? ''}"><td class="nowrap">${r.requestedAt.slice(0, 16).replace('T', ' ')}</td><td>${kindWords[r.kind]}</td><td>${r.href ? html`<a href="${r.href}">${r.what}</a>` : r.what}</td><td class="num">${r.amount ?? ''}</td><td data-requested-by>${who(r.requestedBy)}</td><td data-waits-for>${r.waitsFor}</td>
<td>${r.requestId ? html`<form method="post" action="/console/approvals/${r.requestId}/approve" class="inline"><input type="hidden" name="csrf" value="${ctx.csrf}"><button type="submit">Approve</button></form>` : ''}</td></tr>`)}</tbody></table></section>`;
  return layout('Approvals', 'approvals', ctx, body);
}
