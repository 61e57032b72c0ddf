import type { QueuePage } from '@ereceipt/reports';
import { queueFilters } from './queue-filters';
import { queueHref, renderQueue } from './queue.page';

const page: QueuePage = {
  rows: [{
    remittanceId: '6b1f7a4e-2f1d-4c1e-9a7b-0c1d2e3f4a5b', messageRef: 'REF<1>', receivedAt: '2026-12-01T10:00:00.000Z', valueDate: '2026-12-01', currency: 'EUR', amount: '612.34',
    payerName: '<b>ACME</b>', sellerId: '7c1f7a4e-2f1d-4c1e-9a7b-0c1d2e3f4a5b', sellerName: 'WICK EXPORT CO LTD', status: 'PENDING_ASSOCIATION', category: 'suggested', reason: 'MATCHING.AMBIGUOUS_AMOUNT', ageDays: 6,
  }],
  nextCursor: 'abc_-', total: 5000, totalCapped: false,
};

describe('exception queue page', () => {
  it('shows reasons in words with the code, sellers by name, values escaped; the next page by cursor keeps the search', () => {
    const f = queueFilters({ from: '2026-11-01', to: '2026-12-07', amount: '600..700', payer: 'acme & co', sort: 'amount', order: 'desc' });
    const html = renderQueue(page, f, { csrf: 'c', user: 'u' });
    expect(html).toContain('several orders (or combinations) fit the amount <span class="mono muted">MATCHING.AMBIGUOUS_AMOUNT</span>');
    expect(html).toContain('WICK EXPORT CO LTD');
    expect(html).toContain('&lt;b&gt;ACME&lt;/b&gt;');
    expect(html).not.toContain('<b>ACME');
    expect(html).toContain('data-queue-total="5000"');
    expect(html).toContain(`href="${queueHref(f, { cursor: 'abc_-', page: 2 }).replace(/&/g, '&amp;')}" rel="next"`);
    expect(queueHref(f, { cursor: 'abc_-', page: 2 })).toBe('/console/queue?from=2026-11-01&to=2026-12-07&amount=600..700&payer=acme+%26+co&sort=amount&order=desc&cursor=abc_-&page=2');
    expect(html).toContain('name="id" value="6b1f7a4e-2f1d-4c1e-9a7b-0c1d2e3f4a5b"');
  });

  it('says when it is the last page; a header sorts by its column, the other way when it already does', () => {
    const f = queueFilters({ sort: 'amount', order: 'asc' });
    const html = renderQueue({ ...page, nextCursor: null }, f, { csrf: 'c', user: 'u' });
    expect(html).toContain('data-last-page');
    expect(html).toMatch(/href="[^"]*sort=amount&amp;order=desc" data-sort="amount"/);
    expect(html).toMatch(/href="[^"]*sort=currency" data-sort="currency"/);
  });
});
