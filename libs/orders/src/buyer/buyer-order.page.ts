import { html, renderSignedErrorPage, renderSignedPage } from '@ereceipt/notifications';
import type { BuyerOrderViewDto } from './buyer-order-view.dto';

/**
 * The buyer's order page as plain HTML: no JavaScript, no external assets, readable on a phone and
 * a laptop. Every value goes through the escaping `html` template. Pure: a view in, a page out.
 */
/** The order page's own rules, on top of the shared signed-page stylesheet. */
const PAGE_CSS = `
.badge{display:inline-block;border-radius:999px;padding:2px 10px;font-size:.85rem;font-weight:600;background:#e8eefc;color:#1c3d8f}
.badge.ok{background:#e3f5ea;color:var(--ok)}.badge.warn{background:#fdf0dc;color:var(--warn)}.badge.off{background:#eceef2;color:var(--muted)}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:8px 6px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.85rem;color:var(--muted);font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tfoot td{font-weight:700;border-bottom:0}.nowrap{white-space:nowrap}
dd{word-break:break-all}
.ref{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:1.1rem;background:#fff8d6;padding:2px 6px;border-radius:4px}
@media (max-width:560px){th.opt,td.opt{display:none}}
`;

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
  /** The confirmation form posts here; the token goes in a hidden field. */
  confirmAction: string;
  /** The "I received the goods" form posts here (fulfillment's endpoint). */
  receiptAction: string;
  token: string;
  /** Shown above the order after the buyer confirmed the payment information. */
  justConfirmed?: boolean;
  /** Shown above the order after the buyer confirmed receipt. */
  justReceived?: boolean;
}

export function renderBuyerOrderPage(v: BuyerOrderViewDto, options: BuyerPageOptions): string {
  const money = (amount: string) => `${v.currency} ${amount}`;
  const status = lifecycleLabel[v.lifecycleStatus];
  const notice = options.justConfirmed
    ? html`<section class="card notice" role="status"><strong>Thank you.</strong> You confirmed the payment information for order ${v.orderNo}. ${v.sellerName} has been told.</section>`
    : options.justReceived
      ? html`<section class="card notice" role="status"><strong>Thank you.</strong> You confirmed that the goods of order ${v.orderNo} arrived.</section>`
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
  const receipt = v.canConfirmReceipt
    ? html`<section class="card" aria-labelledby="receipt-h">
<h2 id="receipt-h">Did the goods arrive?</h2>
<p>Everything in this order has shipped. When the goods have arrived, tell ${v.sellerName} here.</p>
<form method="post" action="${options.receiptAction}"><input type="hidden" name="t" value="${options.token}"><button type="submit">I received the goods</button></form>
</section>`
    : '';
  const body = html`<header><div><p class="muted" style="margin:0">Order from ${v.sellerName}</p><h1>Order ${v.orderNo}</h1></div>
<span class="badge ${status.tone}">${status.text}</span></header>
${notice}
${receipt}
<section class="card" aria-labelledby="pay-h">
<h2 id="pay-h">How to pay</h2>
<dl>
<dt>Amount outstanding</dt><dd>${money(v.outstandingAmount)} <span class="muted">(${paymentLabel[v.paymentStatus]})</span></dd>
<dt>Beneficiary</dt><dd>${v.payTo.beneficiaryName}</dd>
<dt>Bank</dt><dd>${v.payTo.bankName}</dd>
<dt>BIC / SWIFT</dt><dd>${v.payTo.bic}</dd>
<dt>Account</dt><dd>${v.payTo.accountNumber}</dd>
<dt>Reference to quote</dt><dd><span class="ref">${v.payTo.reference}</span></dd>
<dt>or its creditor reference</dt><dd><span class="ref">${v.payTo.creditorReference}</span> <span class="muted">(its check digits catch a typing error)</span></dd>
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
  return renderSignedPage(`Order ${v.orderNo}`, body, PAGE_CSS);
}

/** A readable page for a link that does not work (401/403/404/409), with what to do next. */
export function renderBuyerErrorPage(statusCode: number, message: string): string {
  return renderSignedErrorPage(statusCode, message, 'payment reminder');
}
