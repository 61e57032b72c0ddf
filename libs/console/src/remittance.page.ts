import { html } from '@ereceipt/notifications';
import type { RemittanceViewDto } from '@ereceipt/remittances';
import { badge, layout, type LayoutContext } from './console-layout';
import { reasonWords } from './reason-words';

/** `finance:alice@example.com` -> `alice@example.com (finance)`; `system` stays `system (matching engine)`. */
export function person(actor: string): string {
  const i = actor.indexOf(':');
  return i < 0 ? (actor === 'system' ? 'system (matching engine)' : actor) : `${actor.slice(i + 1)} (${actor.slice(0, i)})`;
}

export interface DetailMessages {
  done: string | null;
  error: string | null;
}

/**
 * One remittance: what the bank said, the engine's decision with each candidate's score
 * breakdown, the associations with unbind / approve / reject, and a manual association form.
 * Every form carries the session's CSRF token.
 */
export function renderRemittance(v: RemittanceViewDto, ctx: LayoutContext, msg: DetailMessages, sellerName: string | null = null): string {
  const csrf = html`<input type="hidden" name="csrf" value="${ctx.csrf}">`;
  const live = v.associations.filter((a) => a.status === 'PROPOSED' || a.status === 'APPROVED');
  const associable = live.length === 0 && v.status !== 'DUPLICATE' && v.status !== 'RETURNED';
  const byAssociation = [...new Set(v.associations.map((a) => a.id))];
  const body = html`<p><a href="/console/queue">← Exception queue</a></p>
<h1>Remittance ${v.messageRef} ${badge(v.status)}</h1>
${msg.done ? html`<p class="card notice" role="status">${msg.done}</p>` : ''}${msg.error ? html`<p class="card notice error" role="alert">${msg.error}</p>` : ''}
<section class="card"><dl>
<dt>Amount</dt><dd><strong>${v.currency} ${v.amount}</strong>${v.instructedAmount ? ` (sent ${v.instructedAmount.currency} ${v.instructedAmount.amount})` : ''}${v.chargeBearer ? ` · charges ${v.chargeBearer}` : ''}</dd>
<dt>Value date</dt><dd>${v.valueDate}</dd><dt>Received</dt><dd>${v.receivedAt}</dd>
<dt>Payer</dt><dd>${v.payer.name ?? '—'} ${v.payer.account ? html`<span class="mono">${v.payer.account}</span>` : ''}</dd>
<dt>To account</dt><dd class="mono">${v.beneficiary.account ?? '—'}</dd><dt>Seller</dt><dd>${sellerName ?? (v.sellerId ? html`<span class="mono">${v.sellerId}</span>` : 'unknown account')}</dd>
<dt>Remittance info</dt><dd>${v.remittanceInfo ?? '—'}</dd><dt>Sender</dt><dd class="mono">${v.senderBic ?? '—'} · ${v.source} · UETR ${v.uetr ?? '—'}</dd>
${v.conflictsWith ? html`<dt>Identity conflict</dt><dd>${v.identityNote ?? ''} · <a href="/console/remittances/${v.conflictsWith}">the stored wire with this UETR</a></dd>` : ''}
</dl></section>
${(v.irregularities ?? []).length > 0 ? html`<section class="card notice" data-irregularities><h2>Irregular bank message</h2><p class="muted">The bank booked this money, but the message broke these rules; it is never associated automatically.</p>
<ul>${(v.irregularities ?? []).map((i) => html`<li><span class="badge warn mono">${i.code}</span> ${i.field ? html`<span class="mono">${i.field}</span> ` : ''}${i.message}</li>`)}</ul></section>` : ''}
<section class="card"><h2>Engine's decision</h2>${v.decision
    ? html`<p>${badge(v.decision.outcome)} ${reasonWords(v.decision.reason) ?? ''} <span class="mono muted">${v.decision.reason}</span> ${v.decision.flags.map((f) => html`<span class="badge warn">${f}</span> `)}<span class="muted">${v.decision.ruleVersion} · ${v.decision.decidedAt}</span></p>
${v.decision.candidates.length === 0 ? html`<p class="muted">No candidate order.</p>` : html`<table><thead><tr><th>Order</th><th class="num">Would allocate</th><th>Fit</th><th class="num">Score</th><th>Breakdown</th><th></th></tr></thead>
<tbody>${v.decision.candidates.map((c) => html`<tr data-candidate="${c.orderNo}"><td class="mono">${c.orderNo}</td><td class="num">${v.currency} ${c.amount}</td><td>${c.fit}</td><td class="num">${c.score}</td>
<td><ul class="signals">${c.signals.map((s) => html`<li><strong>${s.signal}</strong> ${s.score >= 0 ? '+' : ''}${s.score}: ${s.detail}</li>`)}</ul></td>
<td>${associable ? html`<form method="post" action="/console/remittances/${v.id}/associate">${csrf}<input type="hidden" name="orderNo" value="${c.orderNo}"><input type="hidden" name="amount" value="${v.amount}"><button type="submit">Associate ${v.currency} ${v.amount}</button></form>` : ''}</td></tr>`)}</tbody></table>`}`
    : html`<p class="muted">No decision (no seller, or matching was not run).</p>`}</section>
<section class="card"><h2>Associations</h2>${byAssociation.length === 0 ? html`<p class="muted">None.</p>` : html`<table><thead><tr><th>Order</th><th class="num">Amount</th><th class="num">Bank charges</th><th>Method</th><th>Status</th><th>Proposed by</th><th>Decided by</th><th>Actions</th></tr></thead>
<tbody>${v.associations.map((a) => html`<tr data-association="${a.id}"><td class="mono">${a.orderNo}</td><td class="num">${a.amount}</td><td class="num">${a.bankCharges ?? ''}</td><td>${a.method}</td><td>${badge(a.status)}</td><td data-actor>${person(a.actor)}</td><td data-decided-by>${a.decidedBy ? person(a.decidedBy) : ''}${a.status === 'PROPOSED' ? html`<br><span class="badge warn" data-four-eyes>${a.decidedBy ? 'first approval; waits for a second finance person' : 'waits for finance'}</span>` : ''}</td>
<td>${a.status === 'PROPOSED' ? html`<form class="inline" method="post" action="/console/associations/${a.id}/approve">${csrf}<input type="hidden" name="remittanceId" value="${v.id}"><button type="submit">Approve</button></form>
<form class="inline" method="post" action="/console/associations/${a.id}/reject">${csrf}<input type="hidden" name="remittanceId" value="${v.id}"><input name="reason" placeholder="reason" aria-label="reason for rejecting" size="14"> <button class="danger" type="submit">Reject</button></form> ` : ''}
${a.status === 'PROPOSED' || a.status === 'APPROVED' ? html`<form class="inline" method="post" action="/console/remittances/${v.id}/associations/${a.id}/unbind">${csrf}<button class="secondary" type="submit">Unbind</button></form>` : ''}</td></tr>`)}</tbody></table>`}</section>
${associable ? html`<section class="card"><h2>Associate by hand</h2><p class="muted">Orders of one seller in ${v.currency}; the amounts add up to ${v.currency} ${v.amount} (or more by bank charges within tolerance).</p>
<form method="post" action="/console/remittances/${v.id}/associate" aria-label="manual association">${csrf}
${[0, 1, 2].map((i) => html`<p class="filters" style="display:flex;gap:10px"><label>Order number<input name="orderNo" ${i === 0 ? 'required' : ''} placeholder="EO-2026-000123" pattern="[A-Za-z0-9-]{1,32}"></label><label>Amount (${v.currency})<input name="amount" ${i === 0 ? 'required' : ''} inputmode="decimal" placeholder="${i === 0 ? v.amount : ''}"></label></p>`)}
<button type="submit">Associate</button></form></section>` : ''}`;
  return layout(`Remittance ${v.messageRef}`, 'queue', ctx, body);
}
