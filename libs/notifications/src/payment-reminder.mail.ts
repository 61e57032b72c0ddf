import { html, type SafeHtml } from './escape-html';

/**
 * The payment reminder (docs/domain.md §2 "Submit"): order summary, amount due per milestone, the
 * collection account, the reference to quote, and the signed link. Pure: data in, text out.
 * Amounts are decimal strings, shown as they are (never through a float).
 */
export interface PaymentReminderInput {
  order: {
    orderNo: string;
    buyerName: string;
    currency: string;
    lines: Array<{ name: string; sku?: string; quantity: string; unit: string; unitPrice: string; amount: string }>;
    total: string;
    milestones: Array<{ kind: string; amount: string; dueDate: string }>;
  };
  seller: { legalName: string };
  collectionAccount: { beneficiaryName: string; bankName: string; bic: string; accountNumber: string };
  /** What the buyer quotes in the transfer: the order number. */
  reference: string;
  /** The same as an ISO 11649 creditor reference (`RF28 EO20 2600 0123`): its check digits catch a typing error. */
  creditorReference: string;
  link: string;
  expiresAt: Date;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const label = (kind: string) => kind.charAt(0).toUpperCase() + kind.slice(1).toLowerCase().replace(/_/g, ' ');
const day = (d: Date) => d.toISOString().slice(0, 10);

export function renderPaymentReminder(input: PaymentReminderInput): RenderedMail {
  const { order, seller, collectionAccount: acc, reference, creditorReference, link } = input;
  const money = (amount: string) => `${order.currency} ${amount}`;
  // A header value: no line breaks, whatever the seller's name holds.
  const subject = `Payment reminder: order ${order.orderNo} from ${seller.legalName}`.replace(/[\r\n]+/g, ' ');

  const text = [
    `Dear ${order.buyerName},`,
    '',
    `${seller.legalName} asks you to pay for order ${order.orderNo}.`,
    '',
    'Order summary:',
    ...order.lines.map((l) => `  - ${l.name}${l.sku ? ` (${l.sku})` : ''}: ${l.quantity} ${l.unit} x ${money(l.unitPrice)} = ${money(l.amount)}`),
    `  Total: ${money(order.total)}`,
    '',
    'Amount due:',
    ...order.milestones.map((m) => `  - ${label(m.kind)}: ${money(m.amount)}, due ${m.dueDate}`),
    '',
    'Pay by bank transfer to:',
    `  Beneficiary: ${acc.beneficiaryName}`,
    `  Bank: ${acc.bankName}`,
    `  BIC: ${acc.bic}`,
    `  Account: ${acc.accountNumber}`,
    `  Reference to quote: ${reference}`,
    `  or, better, its creditor reference: ${creditorReference} (its check digits catch a typing error)`,
    '',
    `Open your order and confirm the payment information (link valid until ${day(input.expiresAt)}):`,
    link,
    '',
  ].join('\n');

  const body: SafeHtml = html`<!doctype html>
<html><body style="font-family:sans-serif">
<p>Dear ${order.buyerName},</p>
<p>${seller.legalName} asks you to pay for order <strong>${order.orderNo}</strong>.</p>
<h2>Order summary</h2>
<table cellpadding="4" border="1" style="border-collapse:collapse">
<tr><th>Item</th><th>Quantity</th><th>Unit price</th><th>Amount</th></tr>
${order.lines.map((l) => html`<tr><td>${l.name}${l.sku ? html` <small>(${l.sku})</small>` : ''}</td><td>${l.quantity} ${l.unit}</td><td>${money(l.unitPrice)}</td><td>${money(l.amount)}</td></tr>\n`)}<tr><td colspan="3"><strong>Total</strong></td><td><strong>${money(order.total)}</strong></td></tr>
</table>
<h2>Amount due</h2>
<ul>
${order.milestones.map((m) => html`<li>${label(m.kind)}: <strong>${money(m.amount)}</strong>, due ${m.dueDate}</li>\n`)}</ul>
<h2>Pay by bank transfer to</h2>
<p>Beneficiary: ${acc.beneficiaryName}<br>Bank: ${acc.bankName}<br>BIC: ${acc.bic}<br>Account: ${acc.accountNumber}<br>
Reference to quote: <strong>${reference}</strong><br>
or, better, its creditor reference: <strong>${creditorReference}</strong> (its check digits catch a typing error)</p>
<p><a href="${link}">Open your order and confirm the payment information</a> (link valid until ${day(input.expiresAt)}).</p>
</body></html>
`;
  return { subject, html: body.value, text };
}
