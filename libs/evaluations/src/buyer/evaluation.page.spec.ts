import type { BuyerEvaluationViewDto } from '../evaluation.dto';
import { renderEvaluationErrorPage, renderEvaluationPage } from './evaluation.page';

const view = (over: Partial<BuyerEvaluationViewDto> = {}): BuyerEvaluationViewDto => ({
  orderNo: 'EO-2026-000123',
  sellerName: 'NINGBO <EXAMPLE> CO LTD',
  buyerName: 'Acme & Sons',
  completedAt: '2026-11-01T15:30:00.000Z',
  window: { opensOn: '2026-11-01', closesOn: '2026-12-01', open: true },
  canEvaluate: true,
  reason: null,
  evaluation: null,
  linkExpiresAt: '2027-01-01T00:00:00.000Z',
  ...over,
});
const options = { action: '/api/v1/buyer/orders/EO-2026-000123/evaluation', token: 'abc.def' };

describe('evaluation page', () => {
  it('is a form without JavaScript: five radio buttons per dimension, a comment box, the token hidden', () => {
    const page = renderEvaluationPage(view(), options);
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('<form method="post" action="/api/v1/buyer/orders/EO-2026-000123/evaluation">');
    expect(page).toContain('<input type="hidden" name="t" value="abc.def">');
    for (const d of ['serviceAttitude', 'deliverySpeed', 'descriptionAccuracy']) {
      expect(page.match(new RegExp(`type="radio" name="${d}"`, 'g'))).toHaveLength(5);
      expect(page).toContain(`name="${d}" value="1" required`);
    }
    expect(page).toContain('<textarea id="comment" name="comment" maxlength="2000">');
    expect(page).toContain('until the end of 2026-12-01 (UTC)');
    expect(page).toContain('NINGBO &lt;EXAMPLE&gt; CO LTD');
    expect(page).toContain('Acme &amp; Sons');
  });

  it('shows the evaluation given, the comment and the reply escaped, and no form', () => {
    const page = renderEvaluationPage(
      view({
        canEvaluate: false,
        reason: 'you evaluated this order on 2026-11-05; an order is evaluated once',
        evaluation: {
          id: '00000000-0000-4000-8000-000000000001',
          orderNo: 'EO-2026-000123',
          sellerId: '00000000-0000-4000-8000-000000000002',
          ratings: { serviceAttitude: 5, deliverySpeed: 4, descriptionAccuracy: 4 },
          overall: '4.33',
          comment: '<script>alert(1)</script>',
          submittedAt: '2026-11-05T10:00:00.000Z',
          reply: { text: '<img src=x onerror=alert(1)>', repliedAt: '2026-11-06T08:00:00.000Z' },
        },
      }),
      { ...options, justSubmitted: true },
    );
    expect(page).not.toContain('<form');
    expect(page).not.toMatch(/<script|<img/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('Thank you.');
    expect(page).toContain('4.33 of 5');
  });

  it('after a refused post: the problems and the choices kept, the comment escaped in the box', () => {
    const page = renderEvaluationPage(view(), { ...options, issues: [{ field: 'deliverySpeed', message: 'is required: 1 to 5 stars' }], values: { serviceAttitude: '4', comment: '</textarea><script>' } });
    expect(page).toContain('Delivery speed: is required: 1 to 5 stars');
    expect(page).toContain('name="serviceAttitude" value="4" checked');
    expect(page).toContain('&lt;/textarea&gt;&lt;script&gt;</textarea>');
  });

  it('says why when the order cannot be evaluated', () => {
    const page = renderEvaluationPage(view({ canEvaluate: false, window: { opensOn: '2026-11-01', closesOn: '2026-12-01', open: false }, reason: 'the evaluation window closed at the end of 2026-12-01 (UTC)' }), options);
    expect(page).not.toContain('<form');
    expect(page).toContain('This order cannot be evaluated now.');
    expect(page).toContain('the evaluation window closed at the end of 2026-12-01 (UTC).');
  });

  it('error pages are readable and escaped', () => {
    expect(renderEvaluationErrorPage(401, 'the link has expired')).toContain('This link does not work');
    expect(renderEvaluationErrorPage(409, 'order <b> closed')).toContain('order &lt;b&gt; closed');
  });
});
