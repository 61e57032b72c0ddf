import { html, type SafeHtml } from '@ereceipt/notifications';
import type { FundsSection, QueueCategory, QueuePage, QueueRow } from '@ereceipt/reports';
import type { BulkRowResult } from './bulk-action.usecase';
import { badge, layout, type LayoutContext } from './console-layout';
import { reasonWords } from './reason-words';

/** The queue's request as the page's GET form carries it (strings, as typed). */
export interface QueueFilters {
  from: string;
  to: string;
  category: QueueCategory;
  currency: string;
  /** A seller's id (the dashboard's tiles of one seller link here with it), or ''. */
  seller: string;
  minAgeDays: string;
  amount: string;
  payer: string;
  reference: string;
  orderNo: string;
  sort: 'age' | 'amount' | 'currency';
  order: 'asc' | 'desc';
  /** The page's number, for display only (the cursor is what pages). */
  page: number;
  cursor: string;
  /** Rows per page (50, 100 or 200). */
  size: number;
}

export const queueCategoryLabels: ReadonlyArray<readonly [QueueCategory, string]> = [
  ['waiting', 'everything waiting'], ['unmatched', 'unmatched'], ['suggested', 'suggested'], ['underReview', 'under review'], ['followUp', 'follow-up'],
  ['identityConflict', 'identity conflict'], ['inconsistent', 'inconsistent'], ['associated', 'associated (auto and by hand)'], ['associatedAuto', 'associated by the engine'],
  ['associatedManual', 'associated by hand'], ['returned', 'returned'], ['all', 'everything received'],
];

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

/** The query string of the queue with these filters (and changes), for links. */
export function queueHref(f: QueueFilters, change: Partial<QueueFilters> = {}): string {
  const g = { ...f, ...change };
  const q = new URLSearchParams();
  for (const key of ['from', 'to', 'category', 'currency', 'seller', 'minAgeDays', 'amount', 'payer', 'reference', 'orderNo', 'sort', 'order', 'size', 'cursor'] as const) {
    const v = String(g[key] ?? '');
    if (v !== '' && !(key === 'category' && v === 'waiting') && !(key === 'sort' && v === 'age') && !(key === 'order' && v === 'asc') && !(key === 'size' && v === '50')) q.set(key, v);
  }
  if (g.cursor && g.page > 1) q.set('page', String(g.page));
  const s = q.toString();
  return s ? `/console/queue?${s}` : '/console/queue';
}

const options = <T extends string>(list: ReadonlyArray<readonly [T, string]>, current: string) =>
  list.map(([v, t]) => (v === current ? html`<option value="${v}" selected>${t}</option>` : html`<option value="${v}">${t}</option>`));

/** A column header that sorts by it (again: the other way). */
function sortHeader(f: QueueFilters, sort: QueueFilters['sort'], label: string, num = false): SafeHtml {
  const active = f.sort === sort;
  const next = active && f.order === 'asc' ? 'desc' : 'asc';
  const arrow = active ? (f.order === 'asc' ? ' ▲' : ' ▼') : '';
  return html`<th class="${num ? 'num' : ''}" aria-sort="${active ? (f.order === 'asc' ? 'ascending' : 'descending') : 'none'}"><a href="${queueHref(f, { sort, order: next, cursor: '', page: 1 })}" data-sort="${sort}">${label}${arrow}</a></th>`;
}

function resultsSection(results: BulkRowResult[] | null, refs: ReadonlyMap<string, string>): SafeHtml | string {
  if (!results) return '';
  const ok = results.filter((r) => r.ok).length;
  return html`<section class="card notice${ok === results.length ? '' : ' error'}" role="status" data-bulk-results="${results.length}"><h2>${ok} of ${results.length} done</h2>
<div class="scroll"><table><thead><tr><th>Remittance</th><th>Result</th><th>What happened</th></tr></thead><tbody>${results.map((r) => html`<tr data-bulk-row="${r.remittanceId}" data-outcome="${r.outcome}"><td><a href="/console/remittances/${r.remittanceId}">${refs.get(r.remittanceId) ?? r.remittanceId}</a></td><td>${r.ok ? html`<span class="badge ok">${r.outcome}</span>` : html`<span class="badge bad">REFUSED</span> <span class="mono">${r.code ?? ''}</span>`}</td><td>${r.message}</td></tr>`)}</tbody></table></div></section>`;
}

/**
 * The exception queue: a keyset page (next page by cursor, any number of rows), sortable by age,
 * amount and currency, searched by amount, payer, reference and order number; reasons in words with
 * the code beside them; a selection returned, associated or approved in one action (each row still
 * through its own use case, audit and four eyes), with a result per row.
 */
export function renderQueue(page: QueuePage, f: QueueFilters, ctx: LayoutContext, pending: ReadonlyMap<string, PendingReview> = new Map(), results: BulkRowResult[] | null = null, refs: ReadonlyMap<string, string> = new Map()): string {
  const rows: QueueRow[] = page.rows;
  const secondEyes = rows.filter((r) => waitsFor(pending.get(r.remittanceId)).startsWith('a second')).length;
  const body = html`<h1>Exception queue</h1>
${resultsSection(results, refs)}
<form class="filters card" method="get" action="/console/queue" aria-label="filters">
<label>Received from<input type="date" name="from" value="${f.from}"></label><label>to<input type="date" name="to" value="${f.to}"></label>
<label>State<select name="category">${options(queueCategoryLabels, f.category)}</select></label>
<label>Currency<input name="currency" value="${f.currency}" maxlength="3" size="4" pattern="[A-Za-z]{3}" placeholder="USD"></label>
${f.seller ? html`<input type="hidden" name="seller" value="${f.seller}">` : ''}
<label>Amount (exact or 600..700)<input name="amount" value="${f.amount}" inputmode="decimal" size="14" pattern="[0-9.]*" placeholder="612.34"></label>
<label>Payer<input name="payer" value="${f.payer}" size="16" maxlength="140" placeholder="name or account"></label>
<label>Reference<input name="reference" value="${f.reference}" size="14" maxlength="140" placeholder="bank ref, UETR"></label>
<label>Order number<input name="orderNo" value="${f.orderNo}" size="15" maxlength="32" pattern="[A-Za-z0-9-]{1,32}" placeholder="EO-2026-000123"></label>
<label>Waiting at least (days)<input type="number" name="minAgeDays" value="${f.minAgeDays}" min="0" max="3650" style="width:80px"></label>
<label>Sort by<select name="sort">${options([['age', 'age'], ['amount', 'amount'], ['currency', 'currency']] as const, f.sort)}</select></label>
<label>Order<select name="order">${options([['asc', 'oldest / smallest first'], ['desc', 'newest / largest first']] as const, f.order)}</select></label>
<label>Per page<select name="size">${options([['50', '50'], ['100', '100'], ['200', '200']] as const, String(f.size))}</select></label>
<button type="submit">Search</button> <a href="/console/queue">Clear</a></form>
<section class="card"><p class="muted" data-queue-total="${page.total}">${page.totalCapped ? 'over ' : ''}${page.total} remittance${page.total === 1 ? '' : 's'} · page <span data-page="${f.page}">${f.page}</span>, ${rows.length} shown${secondEyes ? html` · <strong data-second-eyes="${secondEyes}">${secondEyes} wait${secondEyes === 1 ? 's' : ''} for a second finance person</strong>` : ''}</p>
<form method="post" action="/console/queue/bulk" aria-label="bulk action" data-bulk-form>
<input type="hidden" name="csrf" value="${ctx.csrf}"><input type="hidden" name="back" value="${queueHref(f)}">
<div class="scroll" role="region" aria-label="remittances" tabindex="0"><table><thead><tr><th><span class="sr">select</span></th>${sortHeader(f, 'age', 'Received')}<th class="num">Age (days)</th><th>Reference</th><th>Payer</th><th>Seller</th>${sortHeader(f, 'currency', 'Currency')}${sortHeader(f, 'amount', 'Amount', true)}<th>State</th><th>Engine's reason</th><th>Waits for</th></tr></thead>
<tbody>${rows.map((r) => html`<tr data-remittance="${r.remittanceId}"><td><input type="checkbox" name="id" value="${r.remittanceId}" aria-label="select ${r.messageRef}"></td><td class="nowrap">${r.receivedAt.slice(0, 16).replace('T', ' ')}</td><td class="num">${r.ageDays}</td><td><a href="/console/remittances/${r.remittanceId}">${r.messageRef}</a></td><td>${r.payerName ?? '—'}</td><td>${r.sellerName ?? (r.sellerId ? html`<span class="mono">${r.sellerId.slice(0, 8)}</span>` : html`<span class="muted">unknown account</span>`)}</td><td>${r.currency}</td><td class="num" data-amount="${r.amount}">${r.amount}</td><td>${badge(r.status)}</td><td data-reason="${r.reason ?? ''}">${r.reason ? html`${reasonWords(r.reason) ?? r.reason} <span class="mono muted">${r.reason}</span>` : ''}</td><td data-waits-for>${waitsFor(pending.get(r.remittanceId))}</td></tr>`)}</tbody></table></div>
${rows.length === 0 ? html`<p class="muted">Nothing matches.</p>` : ''}
<nav class="pager" aria-label="pages">${f.page > 1 ? html`<a href="${queueHref(f, { cursor: '', page: 1 })}" data-first-page>« First page</a>` : ''}${page.nextCursor ? html`<a href="${queueHref(f, { cursor: page.nextCursor, page: f.page + 1 })}" rel="next" data-next-page>Next page »</a>` : html`<span class="muted" data-last-page>last page</span>`}</nav>
<fieldset class="bulk"><legend>With the selected remittances (each one is audited, and waits for a second finance person above the four-eyes threshold)</legend>
<button type="submit" name="action" value="approve">Approve proposed</button>
<button type="submit" name="action" value="accept-suggestion" class="secondary">Accept the engine's suggestion</button>
<label>Order number<input name="orderNo" size="15" maxlength="32" pattern="[A-Za-z0-9-]{1,32}" placeholder="EO-2026-000123"></label><button type="submit" name="action" value="associate" class="secondary">Associate with this order</button>
<button type="submit" name="action" value="return" class="danger">Return to payer</button></fieldset>
</form></section>`;
  return layout('Exception queue', 'queue', ctx, body);
}

/** Ledger balances: the closing balances of the ledger proof, when the funds ledger is there. */
export function renderBalances(funds: FundsSection, ctx: LayoutContext, asOf: string, sellerNames: ReadonlyMap<string, string> = new Map()): string {
  const body = funds.available
    ? html`<h1>Ledger balances on ${asOf}</h1><section class="card"><div class="scroll"><table><thead><tr><th>Seller</th><th>Currency</th><th>Account</th><th class="num">Opening</th><th class="num">Movements</th><th class="num">Closing</th><th>Proof</th></tr></thead>
<tbody>${funds.ledgerProof.map((l) => html`<tr><td>${l.sellerId ? (sellerNames.get(l.sellerId) ?? html`<span class="mono">${l.sellerId}</span>`) : ''}</td><td>${l.currency}</td><td>${l.account}</td><td class="num">${l.opening}</td><td class="num">${l.movements}</td><td class="num">${l.closing}</td><td>${l.proven ? html`<span class="badge ok">proven</span>` : html`<span class="badge bad">NOT PROVEN</span>`}</td></tr>`)}</tbody></table></div></section>`
    : html`<h1>Ledger balances</h1><section class="card"><p>${funds.note ?? 'not available'}</p></section>`;
  return layout('Ledger balances', 'balances', ctx, body);
}
