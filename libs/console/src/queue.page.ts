import { html } from '@ereceipt/notifications';
import type { ExceptionRow, FundsSection } from '@ereceipt/reports';
import { badge, layout, type LayoutContext } from './console-layout';
import { reasonWords } from './reason-words';

export interface QueueFilters {
  from: string;
  to: string;
  category: string;
  currency: string;
  minAgeDays: string;
}

const categories = [['', 'everything waiting'], ['unmatched', 'unmatched'], ['suggested', 'suggested'], ['underReview', 'under review'], ['followUp', 'follow-up'], ['identityConflict', 'identity conflict'], ['inconsistent', 'inconsistent']] as const;

/** A PROPOSED association of a queued remittance: who proposed it, who approved it first (four eyes). */
export interface PendingReview {
  actor: string;
  decidedBy: string | null;
  /** A pending return (four eyes) rather than a proposed association. */
  what?: 'return';
}

const who = (actor: string) => actor.slice(actor.indexOf(':') + 1);

function waitsFor(p: PendingReview | undefined): string {
  if (!p) return '';
  if (p.what === 'return') return `a second finance person (return asked by ${who(p.actor)})`;
  if (p.decidedBy) return `a second finance person (first approval: ${who(p.decidedBy)})`;
  if (p.actor.startsWith('finance:') || p.actor.startsWith('admin:')) return `a second finance person (proposed by ${who(p.actor)})`;
  return p.actor === 'system' ? 'finance (proposed by the engine)' : `finance (proposed by ${who(p.actor)})`;
}

/** The exception queue: what waits for a person, oldest first, with filters as a plain GET form; what waits for a second pair of eyes says so. */
export function renderQueue(rows: ExceptionRow[], total: number, f: QueueFilters, ctx: LayoutContext, pending: ReadonlyMap<string, PendingReview> = new Map()): string {
  const secondEyes = rows.filter((r) => waitsFor(pending.get(r.remittanceId)).startsWith('a second')).length;
  const body = html`<h1>Exception queue</h1>
<form class="filters card" method="get" action="/console/queue" aria-label="filters">
<label>Received from<input type="date" name="from" value="${f.from}"></label><label>to<input type="date" name="to" value="${f.to}"></label>
<label>State<select name="category">${categories.map(([v, t]) => (v === f.category ? html`<option value="${v}" selected>${t}</option>` : html`<option value="${v}">${t}</option>`))}</select></label>
<label>Currency<input name="currency" value="${f.currency}" maxlength="3" size="4" pattern="[A-Za-z]{3}" placeholder="USD"></label>
<label>Waiting at least (days)<input type="number" name="minAgeDays" value="${f.minAgeDays}" min="0" max="3650" style="width:90px"></label>
<button type="submit">Filter</button></form>
<section class="card"><p class="muted" data-queue-total="${total}">${total} remittance${total === 1 ? '' : 's'}${rows.length < total ? `, oldest ${rows.length} shown` : ''}${secondEyes ? html` · <strong data-second-eyes="${secondEyes}">${secondEyes} wait${secondEyes === 1 ? 's' : ''} for a second finance person</strong>` : ''}</p>
<table><thead><tr><th>Received</th><th class="num">Age (days)</th><th>Reference</th><th>Payer</th><th class="num">Amount</th><th>State</th><th>Engine's reason</th><th>Waits for</th></tr></thead>
<tbody>${rows.map((r) => html`<tr data-remittance="${r.remittanceId}"><td class="nowrap">${r.receivedAt.slice(0, 16).replace('T', ' ')}</td><td class="num">${r.ageDays}</td><td><a href="/console/remittances/${r.remittanceId}">${r.messageRef}</a></td><td>${r.payerName ?? '—'}</td><td class="num">${r.currency} ${r.amount}</td><td>${badge(r.status)}</td><td data-reason="${r.reason ?? ''}">${r.reason ? html`${reasonWords(r.reason) ?? ''} <span class="mono muted">${r.reason}</span>` : ''}</td><td data-waits-for>${waitsFor(pending.get(r.remittanceId))}</td></tr>`)}</tbody></table></section>`;
  return layout('Exception queue', 'queue', ctx, body);
}

/** Ledger balances: the closing balances of the ledger proof, when the funds ledger is there. */
export function renderBalances(funds: FundsSection, ctx: LayoutContext, asOf: string): string {
  const body = funds.available
    ? html`<h1>Ledger balances on ${asOf}</h1><section class="card"><table><thead><tr><th>Seller</th><th>Currency</th><th>Account</th><th class="num">Opening</th><th class="num">Movements</th><th class="num">Closing</th><th>Proof</th></tr></thead>
<tbody>${funds.ledgerProof.map((l) => html`<tr><td class="mono">${l.sellerId ?? ''}</td><td>${l.currency}</td><td>${l.account}</td><td class="num">${l.opening}</td><td class="num">${l.movements}</td><td class="num">${l.closing}</td><td>${l.proven ? html`<span class="badge ok">proven</span>` : html`<span class="badge bad">NOT PROVEN</span>`}</td></tr>`)}</tbody></table></section>`
    : html`<h1>Ledger balances</h1><section class="card"><p>${funds.note ?? 'not available'}</p></section>`;
  return layout('Ledger balances', 'balances', ctx, body);
}
