import { evaluationUrl, renderEvaluationInvitation } from './evaluation-invitation.mail';

describe('renderEvaluationInvitation', () => {
  const input = {
    orderNo: 'EO-2026-000123',
    buyerName: 'Acme Trading GmbH',
    sellerName: 'Yiwu Ceramics Co., Ltd.',
    completedOn: '2026-11-01',
    closesOn: '2026-12-01',
    link: 'https://hub.example/api/v1/buyer/orders/EO-2026-000123/evaluation?t=abc.def&x=1',
  };
  const mail = renderEvaluationInvitation(input);

  it('names the order and the seller in the subject', () => {
    expect(mail.subject).toBe('How was order EO-2026-000123? Yiwu Ceramics Co., Ltd. asks for your evaluation');
  });

  it.each(['text', 'html'] as const)('the %s part names the buyer, the order, the completion day, the three dimensions and the last day', (part) => {
    for (const s of ['Acme Trading GmbH', 'EO-2026-000123', '2026-11-01', 'service attitude', 'delivery speed', 'accuracy of the goods description', 'until the end of 2026-12-01, UTC']) expect(mail[part]).toContain(s);
  });

  it('puts the link in the text as it is, and in the HTML as an escaped href', () => {
    expect(mail.text).toContain(input.link);
    expect(mail.html).toContain('<a href="https://hub.example/api/v1/buyer/orders/EO-2026-000123/evaluation?t=abc.def&amp;x=1">');
  });

  it('escapes markup in names, and keeps line breaks out of the subject', () => {
    const evil = renderEvaluationInvitation({ ...input, buyerName: '<script>alert(1)</script>', sellerName: 'Evil <b>\r\nBcc: victim@example.com' });
    expect(evil.html).not.toContain('<script>');
    expect(evil.html).not.toContain('<b>');
    expect(evil.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(evil.subject).not.toMatch(/[\r\n]/);
  });

  it('builds the page URL under /api/v1, with or without a trailing slash on the public URL', () => {
    expect(evaluationUrl('https://hub.example/', 'EO-2026-000123', 'a.b')).toBe('https://hub.example/api/v1/buyer/orders/EO-2026-000123/evaluation?t=a.b');
    expect(evaluationUrl('https://hub.example', 'EO-2026-000123', 'a.b')).toBe('https://hub.example/api/v1/buyer/orders/EO-2026-000123/evaluation?t=a.b');
  });
});
