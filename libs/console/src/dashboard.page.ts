import { html, type SafeHtml } from '@ereceipt/notifications';
import { agingBuckets, type CurrencySection, type ReconciliationReport } from '@ereceipt/reports';
import { groupedBars, horizontalBars, rateRing } from './console-charts';
import { layout, type LayoutContext } from './console-layout';

export function renderLogin(error: string | null, email = '', sso = false): string {
  return layout('Log in', null, null, html`<section class="card" style="max-width:520px;margin:40px auto">
<h1>Finance console</h1>
<p class="muted">Sign in as yourself (users come from <span class="mono">ereceipt users create --role finance</span>). The code is needed when your account has a second factor.</p>
${error ? html`<p class="card notice error" role="alert">${error}</p>` : ''}
<form method="post" action="/console/login"><label>E-mail<input name="email" type="email" autocomplete="username" required value="${email}" style="width:100%"></label>
<label>Password<input name="password" type="password" autocomplete="current-password" required style="width:100%"></label>
<label>Code (authenticator app)<input name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" style="width:100%"></label>
<p><button type="submit">Log in</button></p></form>
${sso ? html`<p><a href="/console/oidc/login" data-sso>Sign in with your organisation's account (single sign-on)</a></p>` : ''}</section>`);
}

function periodForm(r: ReconciliationReport, currencies: string[], sellers: ReadonlyArray<{ id: string; name: string }>): SafeHtml {
  const scope = `from=${r.filter.from}&to=${r.filter.to}${r.filter.currency ? `&currency=${r.filter.currency}` : ''}${r.filter.sellerId ? `&sellerId=${r.filter.sellerId}` : ''}`;
  return html`<form class="filters card" method="get" action="/console">
<label>From<input type="date" name="from" value="${r.filter.from}"></label><label>To<input type="date" name="to" value="${r.filter.to}"></label>
<label>Currency<select name="currency"><option value="">all</option>${currencies.map((c) => (c === r.filter.currency ? html`<option selected>${c}</option>` : html`<option>${c}</option>`))}</select></label>
<label>Seller<select name="seller"><option value="">all</option>${sellers.map((s) => (s.id === r.filter.sellerId ? html`<option value="${s.id}" selected>${s.name}</option>` : html`<option value="${s.id}">${s.name}</option>`))}</select></label>
<button type="submit">Show</button>
<a href="/console/reports/reconciliation?${scope}&amp;format=xlsx">Download XLSX</a>
<a href="/console/reports/reconciliation?${scope}&amp;format=csv">CSV</a></form>`;
}

/** The tiles that partition what was received (libs/reports/README.md "States"), each with the queue category it links to. */
const PARTITION: ReadonlyArray<{ key: string; label: string; category: string; count: (c: CurrencySection) => number }> = [
  { key: 'associated', label: 'Associated', category: 'associated', count: (c) => c.byCategory.associatedAuto.count + c.byCategory.associatedManual.count },
  { key: 'underReview', label: 'Under review', category: 'underReview', count: (c) => c.byCategory.underReview.count },
  { key: 'suggested', label: 'Suggested', category: 'suggested', count: (c) => c.byCategory.suggested.count },
  { key: 'unmatched', label: 'Unmatched', category: 'unmatched', count: (c) => c.byCategory.unmatched.count },
  { key: 'followUp', label: 'Follow-up (rejected)', category: 'followUp', count: (c) => c.byCategory.followUp.count },
  { key: 'returned', label: 'Returned', category: 'returned', count: (c) => c.byCategory.returned.count },
  { key: 'identityConflict', label: 'Identity conflict', category: 'identityConflict', count: (c) => c.byCategory.identityConflict.count },
  { key: 'inconsistent', label: 'Inconsistent', category: 'inconsistent', count: (c) => c.byCategory.inconsistent.count },
];

/** Received and its partition over the report's currencies (counts only: amounts are never summed across currencies). */
export function partition(r: ReconciliationReport): { received: number; parts: Array<{ key: string; label: string; category: string; value: number }>; holds: boolean } {
  const received = r.currencies.reduce((n, c) => n + c.received.count, 0);
  const parts = PARTITION.map((p) => ({ key: p.key, label: p.label, category: p.category, value: r.currencies.reduce((n, c) => n + p.count(c), 0) }));
  return { received, parts, holds: parts.reduce((n, p) => n + p.value, 0) === received };
}

/** Dashboard: tiles that add up to what was received (each links to its filtered queue), received vs associated per day, aging, auto rate, and the per-currency summary. */
export function renderDashboard(r: ReconciliationReport, ctx: LayoutContext, currencies: string[], sellers: ReadonlyArray<{ id: string; name: string }> = []): string {
  const days: string[] = [];
  for (let t = Date.parse(r.filter.from); t <= Date.parse(r.filter.to); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  const perDay = (pick: 'received' | 'associated') => days.map((d) => r.daily.filter((p) => p.day === d).reduce((n, p) => n + p[pick].count, 0));
  const aging = agingBuckets.map((b, i) => ({ label: `${b} days`, value: r.currencies.reduce((n, c) => n + c.aging[b].count, 0), colour: ['#7aa2ff', '#f5b041', '#e67e22', '#c0392b'][i] }));
  const autoN = r.currencies.reduce((n, c) => n + c.kpis.autoAssociated.count, 0);
  const autoRate = r.totals.received ? (autoN / r.totals.received).toFixed(4) : null;
  const period = `from=${r.filter.from}&to=${r.filter.to}${r.filter.currency ? `&currency=${r.filter.currency}` : ''}${r.filter.sellerId ? `&seller=${r.filter.sellerId}` : ''}`;
  const p = partition(r);
  const tile = (key: string, label: string, value: number, category: string, extra = '') =>
    html`<a class="card tile${extra}" href="/console/queue?category=${category}&amp;${period}" data-tile="${key}"><span class="muted">${label}</span><span class="kpi" data-kpi="${key}">${value}</span></a>`;
  const duplicates = r.currencies.reduce((n, c) => n + c.duplicates.count, 0);
  const irregular = r.currencies.reduce((n, c) => n + c.irregular.count, 0);
  const body = html`<h1>Reconciliation ${r.filter.from} to ${r.filter.to}${r.filter.sellerId ? html` · ${sellers.find((x) => x.id === r.filter.sellerId)?.name ?? r.filter.sellerId}` : ''}</h1>
${periodForm(r, currencies, sellers)}
<section class="tiles" aria-label="what was received, by state">${tile('received', 'Received', p.received, 'all', ' total')}${p.parts.map((t) => tile(t.key, t.label, t.value, t.category))}</section>
<p class="card sum ${p.holds ? 'ok' : 'bad'}" data-sum-holds="${String(p.holds)}" role="note"><strong>${p.received}</strong> received = ${p.parts.map((t, i) => html`${i ? ' + ' : ''}<span title="${t.label}">${t.value} ${t.label.toLowerCase()}</span>`)} ${p.holds ? html`<span class="badge ok">adds up</span>` : html`<span class="badge bad">does not add up: see discrepancies</span>`}
<br><span class="muted">Beside them: ${duplicates} duplicate cop${duplicates === 1 ? 'y' : 'ies'} of wires already counted (not received again) · ${irregular} irregular bank message${irregular === 1 ? '' : 's'} (counted in their state above) · <span data-kpi="discrepancies">${r.totals.discrepancies}</span> discrepancy record${r.totals.discrepancies === 1 ? '' : 's'}.</span></p>
<section class="grid cols-3">
<div class="card">${groupedBars('Remittances per day: received and associated (count, all currencies)', days, [{ label: 'received', colour: '#7aa2ff', values: perDay('received') }, { label: 'associated', colour: '#0a7a3d', values: perDay('associated') }])}</div>
<div class="card">${horizontalBars('Aging of unmatched and suggested (count)', aging)}</div>
<div class="card">${rateRing('Auto rate by count', autoRate, '#0b5fff')}<p class="muted" style="font-size:.8rem">Share of the period's remittances the engine associated (see the KPI definitions).</p></div>
</section>
<section class="card"><h2>Per currency (never summed across currencies)</h2><div class="scroll" role="region" aria-label="per currency" tabindex="0" data-scroll="currencies"><table>
<thead><tr><th>Currency</th><th class="num">Received</th><th class="num">Auto</th><th class="num">By hand</th><th class="num">Under review</th><th class="num">Suggested</th><th class="num">Unmatched</th><th class="num">Follow-up</th><th class="num">Returned</th><th class="num">Conflict</th><th class="num">Duplicates</th><th class="num">Bank charges</th><th class="num">Auto rate (count / amount)</th><th class="num">Wrong-auto rate</th></tr></thead>
<tbody>${r.currencies.map((c) => {
    const ca = (v: { count: number; amount: string }) => html`<td class="num">${v.count}<br><span class="muted">${v.amount}</span></td>`;
    const pct = (v: string | null) => (v === null ? 'n/a' : `${(Number(v) * 100).toFixed(1)} %`);
    return html`<tr data-currency="${c.currency}"><th>${c.currency}</th>${ca(c.received)}${ca(c.byCategory.associatedAuto)}${ca(c.byCategory.associatedManual)}${ca(c.byCategory.underReview)}${ca(c.byCategory.suggested)}${ca(c.byCategory.unmatched)}${ca(c.byCategory.followUp)}${ca(c.byCategory.returned)}${ca(c.byCategory.identityConflict)}${ca(c.duplicates)}${ca(c.bankChargesAbsorbed)}<td class="num">${pct(c.kpis.autoRateByCount)} / ${pct(c.kpis.autoRateByAmount)}</td><td class="num">${pct(c.kpis.wrongAutoRate)}</td></tr>`;
  })}</tbody></table></div></section>
<section class="card"><h2>Discrepancies</h2>${r.discrepancies.length === 0 ? html`<p class="muted">None.</p>` : html`<div class="scroll"><table><thead><tr><th>Check</th><th>Currency</th><th>Record</th><th>Detail</th></tr></thead><tbody>${r.discrepancies.flatMap((d) => d.records.map((rec) => html`<tr><td>${d.code}</td><td>${d.currency ?? ''}</td><td class="mono">${rec.type === 'remittance' ? html`<a href="/console/remittances/${rec.id}">${rec.id.slice(0, 8)}</a>` : `${rec.type} ${rec.id.slice(0, 8)}`}</td><td>${rec.detail}</td></tr>`))}</tbody></table></div>`}</section>`;
  return layout('Dashboard', 'dashboard', ctx, body);
}
