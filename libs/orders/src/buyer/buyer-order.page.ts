import { html, SafeHtml } from '@ereceipt/notifications';
import type { BuyerOrderViewDto } from './buyer-order-view.dto';

/**
 * The buyer's order page as plain HTML: no JavaScript, no external assets, readable on a phone and
 * a laptop. Every value goes through the escaping `html` template. Pure: a view in, a page out.
 */
const STYLE = `
:root{color-scheme:light;--ink:#1d2430;--muted:#5b6473;--line:#d9dee7;--accent:#0b5fff;--ok:#0a7a3d;--warn:#a15c00;--bg:#f6f7fa}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:860px;margin:0 auto;padding:24px 16px 48px}
header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:8px;margin-bottom:16px}
h1{font-size:1.5rem;margin:0}h2{font-size:1.1rem;margin:0 0 12px}
.muted{color:var(--muted)}.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:20px;margin-bottom:16px}
.badge{display:inline-block;border-radius:999px;padding:2px 10px;font-size:.85rem;font-weight:600;background:#e8eefc;color:#1c3d8f}
.badge.ok{background:#e3f5ea;color:var(--ok)}.badge.warn{background:#fdf0dc;color:var(--warn)}.badge.off{background:#eceef2;color:var(--muted)}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:8px 6px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.85rem;color:var(--muted);font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tfoot td{font-weight:700;border-bottom:0}.nowrap{white-space:nowrap}
dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px;margin:0}dt{color:var(--muted)}dd{margin:0;font-weight:600;word-break:break-all}
.ref{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:1.1rem;background:#fff8d6;padding:2px 6px;border-radius:4px}
.notice{border-left:4px solid var(--ok);background:#eef9f2}.notice.warn{border-left-color:var(--warn);background:#fff7ea}
button{font:inherit;font-weight:600;background:var(--accent);color:#fff;border:0;border-radius:8px;padding:12px 20px;cursor:pointer}
button:focus-visible{outline:3px solid #9bbcff;outline-offset:2px}
footer{font-size:.85rem;color:var(--muted);margin-top:24px}
@media (max-width:560px){th.opt,td.opt{display:none}dl{grid-template-columns:1fr}dt{margin-top:6px}}
`;

/** Our own constant stylesheet, inserted as is (escaping would break its quotes). */
const CSS = new SafeHtml(STYLE);

function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title><style>${CSS}</style></head>
<body><main>${body}</main></body></html>
`.value;
}


const lifecycleLabel: Record<BuyerOrderViewDto['lifecycleStatus'], { text: string; tone: string }> = {
  DRAFT: { text: 'Draft', tone: 'off' },
  SUBMITTED: { text: 'Awaiting your confirmation', tone: 'warn' },
  CONFIRMED: { text: 'Payment information confirmed', tone: 'ok' },
  COMPLETED: { text: 'Completed', tone: 'ok' },
  CANCELLED: { text: 'Cancelled by the seller', tone: 'off' },
};

const paymentLabel: Record<BuyerOrderViewDto['paymentStatus'], string> = { UNPAID: 'Not paid yet', PARTLY_PAID: 'Partly paid', PAID: 'Paid in full' };
const kindLabel = (kind: string) => (kind === 'DEPOSIT' ? 'Deposit' : kind === 'BALANCE' ? 'Balance' : kind);
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export interface BuyerPageOptions {
  /** The form posts here (the confirmation endpoint); the token goes in a hidden field. */
  confirmAction: string;
  token: string;
  /** Shown above the order after the buyer confirmed. */
  justConfirmed?: boolean;
}

export function renderBuyerOrderPage(v: BuyerOrderViewDto, options: BuyerPageOptions): string {
  const money = (amount: string) => `${v.currency} ${amount}`;
  const status = lifecycleLabel[v.lifecycleStatus];
  const notice = options.justConfirmed
    ? html`<section class="card notice" role="status"><strong>Thank you.</strong> You confirmed the payment information for order ${v.orderNo}. ${v.sellerName} has been told.</section>`
    : v.lifecycleStatus === 'CANCELLED'
      ? html`<section class="card notice warn" role="status"><strong>This order was cancelled by ${v.sellerName}.</strong> Please do not pay for it.</section>`
      : '';
  const confirm = v.canConfirm
    ? html`<section class="card" aria-labelledby="confirm-h">
<h2 id="confirm-h">Confirm the payment information</h2>
<p>Please check the amounts and the account above. Confirming tells ${v.sellerName} that you will pay this order into this account, quoting <span class="ref">${v.payTo.reference}</span>. It does not move any money.</p>
<form method="post" action="${options.confirmAction}"><input type="hidden" name="t" value="${options.token}"><button type="submit">I confirm the payment information</button></form>
</section>`
    : v.confirmation
      ? html`<section class="card"><h2>Payment information confirmed</h2><p>You confirmed on ${when(v.confirmation.confirmedAt)}.</p></section>`
      : '';
  const body = html`<header><div><p class="muted" style="margin:0">Order from ${v.sellerName}</p><h1>Order ${v.orderNo}</h1></div>
<span class="badge ${status.tone}">${status.text}</span></header>
${notice}
<section class="card" aria-labelledby="pay-h">
<h2 id="pay-h">How to pay</h2>
<dl>
<dt>Amount outstanding</dt><dd>${money(v.outstandingAmount)} <span class="muted">(${paymentLabel[v.paymentStatus]})</span></dd>
<dt>Beneficiary</dt><dd>${v.payTo.beneficiaryName}</dd>
<dt>Bank</dt><dd>${v.payTo.bankName}</dd>
<dt>BIC / SWIFT</dt><dd>${v.payTo.bic}</dd>
<dt>Account</dt><dd>${v.payTo.accountNumber}</dd>
<dt>Reference to quote</dt><dd><span class="ref">${v.payTo.reference}</span></dd>
</dl>
</section>
<section class="card" aria-labelledby="due-h">
<h2 id="due-h">Payments due</h2>
<table><thead><tr><th>Milestone</th><th>Due date</th><th class="num opt">Amount</th><th class="num opt">Paid</th><th class="num">Still due</th></tr></thead>
<tbody>${v.milestones.map((m) => html`<tr><td>${kindLabel(m.kind)}${m.preShipment ? html` <span class="muted">(before shipment)</span>` : ''}</td><td class="nowrap">${m.dueDate}</td><td class="num opt">${money(m.amount)}</td><td class="num opt">${money(m.paidAmount)}</td><td class="num">${money(m.dueAmount)}</td></tr>`)}</tbody>
</table>
</section>
${confirm}
<section class="card" aria-labelledby="items-h">
<h2 id="items-h">Items</h2>
<table><thead><tr><th>Item</th><th class="num">Quantity</th><th class="num opt">Unit price</th><th class="num">Amount</th></tr></thead>
<tbody>${v.lines.map((l) => html`<tr><td>${l.name}${l.sku ? html` <span class="muted">${l.sku}</span>` : ''}</td><td class="num">${l.quantity} ${l.unit}</td><td class="num opt">${money(l.unitPrice)}</td><td class="num">${money(l.lineTotal)}</td></tr>`)}</tbody>
<tfoot><tr><td colspan="2">Total</td><td class="num opt"></td><td class="num">${money(v.total)}</td></tr></tfoot>
</table>
<p class="muted">Incoterm ${v.incoterm}. Expected to ship on ${v.expectedShipDate}.</p>
</section>
<footer>This page was opened with a personal link for ${v.buyerName}; it works until ${when(v.linkExpiresAt)}. Do not forward it. Questions about the order go to ${v.sellerName}.</footer>`;
  return layout(`Order ${v.orderNo}`, body);
}

/** A readable page for a link that does not work (401/403/404/409), with what to do next. */
export function renderBuyerErrorPage(statusCode: number, message: string): string {
  const title = statusCode === 401 ? 'This link does not work' : statusCode === 403 ? 'This link is for something else' : statusCode === 404 ? 'Order not found' : 'This cannot be done now';
  const hint =
    statusCode === 401 || statusCode === 403
      ? 'Open the latest payment reminder e-mail and use its link, or ask the seller to send a new reminder.'
      : 'Ask the seller who sent you the link.';
  return layout(title, html`<section class="card notice warn"><h1>${title}</h1><p>${message}.</p><p>${hint}</p></section>`);
}
