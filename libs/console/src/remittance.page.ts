import { compareAmounts } from '@ereceipt/money';
import { html, type SafeHtml } from '@ereceipt/notifications';
import type { OpenOrdersDto } from '@ereceipt/orders';
import type { RemittanceViewDto } from '@ereceipt/remittances';
import { badge, layout, type LayoutContext } from './console-layout';
import { reasonWords } from './reason-words';

/**
 * `finance:alice@example.com` -> `alice@example.com (finance)`, or `Alice Martin (alice@example.com, finance)` when
 * she has a display name; `system` stays `system (matching engine)`.
 */
export function person(actor: string, names: ReadonlyMap<string, string> = new Map()): string {
  const i = actor.indexOf(':');
  if (i < 0) return actor === 'system' ? 'system (matching engine)' : actor;
  const who = actor.slice(i + 1);
  const name = names.get(who);
  return name ? `${name} (${who}, ${actor.slice(0, i)})` : `${who} (${actor.slice(0, i)})`;
}

/** The order finder's search (as typed) and its answer. */
export interface OrderFinder {
  search: { buyer: string; amount: string; reference: string };
  result: OpenOrdersDto | null;
  error: string | null;
}

/** The order finder: the seller's open orders in the remittance's currency, each with what it still owes and an "associate" form. */
function finderSection(v: RemittanceViewDto, finder: OrderFinder, csrf: SafeHtml): SafeHtml {
  const s = finder.search;
  const rows = finder.result?.orders ?? [];
  return html`<section class="card" aria-label="order finder"><h2>Find an open order of the seller</h2>
<form method="get" action="/console/remittances/${v.id}#finder" class="filters" id="finder" aria-label="find orders"><input type="hidden" name="find" value="1">
<label>Buyer<input name="buyer" value="${s.buyer}" maxlength="140" placeholder="part of the name"></label>
<label>Still owes (${v.currency}, exact or 600..700)<input name="owed" value="${s.amount}" inputmode="decimal" pattern="[0-9.]*" placeholder="${v.amount}"></label>
<label>Order number or ERP id<input name="reference" value="${s.reference}" maxlength="100" placeholder="EO-2026"></label>
<button type="submit">Find orders</button></form>
${finder.error ? html`<p class="notice error" role="alert">${finder.error}</p>` : ''}
${finder.result ? (rows.length === 0 ? html`<p class="muted" data-finder-empty>No open order of this seller in ${v.currency} matches.</p>` : html`<div class="scroll"><table><thead><tr><th>Order</th><th>Buyer</th><th>Created</th><th class="num">Total</th><th class="num">Paid</th><th class="num">Still owes</th><th>Milestones still owed</th><th>Associate</th></tr></thead>
<tbody>${rows.map((o) => html`<tr data-found-order="${o.orderNo}"><td class="mono">${o.orderNo}${o.externalOrderId ? html`<br><span class="muted">${o.externalOrderId}</span>` : ''}</td><td>${o.buyerName}</td><td>${o.createdAt.slice(0, 10)}</td><td class="num">${o.currency} ${o.total}</td><td class="num">${o.paidAmount}</td><td class="num" data-owed="${o.owed}"><strong>${o.owed}</strong></td>
<td>${o.milestones.filter((m) => compareAmounts(m.owed, '0') > 0).map((m) => html`<span class="nowrap">${m.kind} ${m.owed} (due ${m.dueDate})</span><br>`)}</td>
<td><form method="post" action="/console/remittances/${v.id}/associate" class="inline">${csrf}<input type="hidden" name="orderNo" value="${o.orderNo}"><input name="amount" value="${compareAmounts(o.owed, v.amount) < 0 ? o.owed : v.amount}" size="10" inputmode="decimal" aria-label="amount for ${o.orderNo}"> <button type="submit">Associate</button></form></td></tr>`)}</tbody></table></div>${finder.result.more ? html`<p class="muted">More orders match: narrow the search.</p>` : ''}`) : ''}
</section>`;
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
export function renderRemittance(v: RemittanceViewDto, ctx: LayoutContext, msg: DetailMessages, sellerName: string | null = null, finder: OrderFinder | null = null, names: ReadonlyMap<string, string> = new Map()): string {
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
${v.decision.candidates.length === 0 ? html`<p class="muted">No candidate order.</p>` : html`<div class="scroll"><table><thead><tr><th>Order</th><th class="num">Would allocate</th><th>Fit</th><th class="num">Score</th><th>Breakdown</th><th></th></tr></thead>
<tbody>${v.decision.candidates.map((c) => html`<tr data-candidate="${c.orderNo}"><td class="mono">${c.orderNo}</td><td class="num">${v.currency} ${c.amount}</td><td>${c.fit}</td><td class="num">${c.score}</td>
<td><ul class="signals">${c.signals.map((s) => html`<li><strong>${s.signal}</strong> ${s.score >= 0 ? '+' : ''}${s.score}: ${s.detail}</li>`)}</ul></td>
<td>${associable ? html`<form method="post" action="/console/remittances/${v.id}/associate">${csrf}<input type="hidden" name="orderNo" value="${c.orderNo}"><input type="hidden" name="amount" value="${v.amount}"><button type="submit">Associate ${v.currency} ${v.amount}</button></form>` : ''}</td></tr>`)}</tbody></table></div>`}`
    : html`<p class="muted">No decision (no seller, or matching was not run).</p>`}</section>
<section class="card"><h2>Associations</h2>${byAssociation.length === 0 ? html`<p class="muted">None.</p>` : html`<div class="scroll"><table><thead><tr><th>Order</th><th class="num">Amount</th><th class="num">Bank charges</th><th>Method</th><th>Status</th><th>Proposed by</th><th>Decided by</th><th>Actions</th></tr></thead>
<tbody>${v.associations.map((a) => html`<tr data-association="${a.id}"><td class="mono">${a.orderNo}</td><td class="num">${a.amount}</td><td class="num">${a.bankCharges ?? ''}</td><td>${a.method}</td><td>${badge(a.status)}</td><td data-actor>${person(a.actor, names)}</td><td data-decided-by>${a.decidedBy ? person(a.decidedBy, names) : ''}${a.status === 'PROPOSED' ? html`<br><span class="badge warn" data-four-eyes>${a.decidedBy ? 'first approval; waits for a second finance person' : 'waits for finance'}</span>` : ''}</td>
<td>${a.status === 'PROPOSED' ? html`<form class="inline" method="post" action="/console/associations/${a.id}/approve">${csrf}<input type="hidden" name="remittanceId" value="${v.id}"><button type="submit">Approve</button></form>
<form class="inline" method="post" action="/console/associations/${a.id}/reject">${csrf}<input type="hidden" name="remittanceId" value="${v.id}"><input name="reason" placeholder="reason" aria-label="reason for rejecting" size="14"> <button class="danger" type="submit">Reject</button></form> ` : ''}
${a.status === 'PROPOSED' || a.status === 'APPROVED' ? html`<form class="inline" method="post" action="/console/remittances/${v.id}/associations/${a.id}/unbind">${csrf}<button class="secondary" type="submit">Unbind</button></form>` : ''}</td></tr>`)}</tbody></table></div>`}</section>
${associable ? html`<section class="card"><h2>Associate by hand</h2><p class="muted">Orders of one seller in ${v.currency}; the amounts add up to ${v.currency} ${v.amount} (or more by bank charges within tolerance).</p>
<form method="post" action="/console/remittances/${v.id}/associate" aria-label="manual association">${csrf}
${[0, 1, 2].map((i) => html`<p class="filters" style="display:flex;gap:10px"><label>Order number<input name="orderNo" ${i === 0 ? 'required' : ''} placeholder="EO-2026-000123" pattern="[A-Za-z0-9-]{1,32}"></label><label>Amount (${v.currency})<input name="amount" ${i === 0 ? 'required' : ''} inputmode="decimal" placeholder="${i === 0 ? v.amount : ''}"></label></p>`)}
<button type="submit">Associate</button></form></section>` : ''}
${associable && finder ? finderSection(v, finder, csrf) : ''}`;
  return layout(`Remittance ${v.messageRef}`, 'queue', ctx, body);
}
