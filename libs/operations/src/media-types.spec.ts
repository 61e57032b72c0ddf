import { acceptedBodyTypes, carriesBody } from './media-types';

describe('which bodies a route takes (415 otherwise)', () => {
  it('bank files raw, buyers\' pages and the console forms or JSON, the rest JSON', () => {
    expect(acceptedBodyTypes('/api/v1/bank-files')).toContain('text/*');
    expect(acceptedBodyTypes('/API/V1/Bank-Files')).toContain('application/xml');
    expect(acceptedBodyTypes('/api/v1/buyer/orders/EO-2026-000001/payment-confirmation')).toEqual(['application/x-www-form-urlencoded', 'application/json']);
    expect(acceptedBodyTypes('/console/remittances/x/associate')).toContain('application/x-www-form-urlencoded');
    expect(acceptedBodyTypes('/api/v1/bank-files-other')).toEqual(['application/json']);
    expect(acceptedBodyTypes('/api/v1/buyerx')).toEqual(['application/json']);
    expect(acceptedBodyTypes('/api/v1/orders')).toEqual(['application/json']);
  });

  it('a body is coming when chunked or longer than 0 bytes (fetch sends Content-Length: 0 on an empty POST)', () => {
    expect(carriesBody({ headers: {} })).toBe(false);
    expect(carriesBody({ headers: { 'content-length': '0' } })).toBe(false);
    expect(carriesBody({ headers: { 'content-length': '12' } })).toBe(true);
    expect(carriesBody({ headers: { 'transfer-encoding': 'chunked' } })).toBe(true);
  });
});
