import { escapeHtml, html } from './escape-html';
import { renderPaymentReminder } from './payment-reminder.mail';
import { reminderInput } from '../test/payment-reminder.builder';

describe('renderPaymentReminder', () => {
  const mail = renderPaymentReminder(reminderInput());

  it('names the order and the seller in the subject', () => {
    expect(mail.subject).toBe('Payment reminder: order EO-2026-000123 from Yiwu Ceramics Co., Ltd.');
  });

  it.each(['text', 'html'] as const)('the %s part has the summary, each milestone due, the account, the reference and the link', (part) => {
    const body = mail[part];
    for (const s of ['Acme Trading GmbH', 'Ceramic mug', 'MUG-01', 'Gift box', 'USD 2605.00', 'Deposit', 'USD 781.50', '2026-03-10', 'Balance', 'USD 1823.50', '2026-04-10']) expect(body).toContain(s);
    for (const s of ['E-Receipt Collection Ltd', 'Bank of Example', 'EXMPCNSHXXX', '6222 0000 1111 2222', 'Reference to quote', 'EO-2026-000123', 'RF28 EO20 2600 0123', '2026-03-31']) expect(body).toContain(s);
  });

  it('puts the link in the text as it is, and in the HTML as an escaped href', () => {
    expect(mail.text).toContain('https://hub.example/api/v1/buyer/orders/EO-2026-000123?t=abc.def&x=1');
    expect(mail.html).toContain('<a href="https://hub.example/api/v1/buyer/orders/EO-2026-000123?t=abc.def&amp;x=1">');
  });

  it('escapes a script in the buyer name, an item name and a SKU', () => {
    const evil = renderPaymentReminder(
      reminderInput({ buyerName: '<script>alert(1)</script>', lines: [{ name: '<img src=x onerror=alert(1)>', sku: '"><b>', quantity: '1', unit: 'pcs', unitPrice: '1.00', amount: '1.00' }] }),
    );
    expect(evil.html).not.toContain('<script>');
    expect(evil.html).not.toContain('<img');
    expect(evil.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(evil.html).toContain('&quot;&gt;&lt;b&gt;');
    expect(evil.text).toContain('<script>alert(1)</script>');
  });

  it('keeps line breaks out of the subject', () => {
    const input = reminderInput();
    input.seller.legalName = 'Evil\r\nBcc: victim@example.com';
    expect(renderPaymentReminder(input).subject).not.toMatch(/[\r\n]/);
  });
});

describe('escapeHtml / html', () => {
  it('escapes the five HTML special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('escapes interpolations but not nested templates', () => {
    expect(html`<p>${'<b>'}${html`<i>${'&'}</i>`}${['<', html`<br>`]}</p>`.value).toBe('<p>&lt;b&gt;<i>&amp;</i>&lt;<br></p>');
  });
});
