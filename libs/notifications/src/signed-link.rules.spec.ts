import { DomainError } from '@ereceipt/contracts';
import { assertLink, buyerOrderUrl, linkError, signLink, verifyLink } from './signed-link.rules';

describe('signed links', () => {
  const secret = 'x'.repeat(32);
  const now = new Date('2026-03-01T10:00:00Z');
  const expiresAt = new Date('2026-03-08T10:00:00Z');
  const token = signLink({ purpose: 'buyer-order', subject: 'EO-2026-000123', expiresAt }, secret);
  const expect123 = { purpose: 'buyer-order' as const, subject: 'EO-2026-000123', now };

  it('verifies a token for its order and purpose before expiry', () => {
    expect(verifyLink(token, expect123, secret)).toEqual({ ok: true, expiresAt });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a token with any single bit flipped, in the payload or in the signature', () => {
    const bytes = Buffer.from(token);
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0x2e) continue; // the dot
      for (let bit = 0; bit < 8; bit++) {
        const flipped = Buffer.from(bytes);
        flipped[i] ^= 1 << bit;
        const result = verifyLink(flipped.toString('latin1'), expect123, secret);
        expect(result.ok).toBe(false);
        expect(['LINK.TAMPERED', 'LINK.MALFORMED']).toContain((result as { code: string }).code);
      }
    }
  });

  it('calls a flipped bit inside the decoded payload tampering', () => {
    const [segment, signature] = token.split('.');
    const payload = Buffer.from(segment, 'base64url');
    payload[payload.length - 3] ^= 0x01;
    expect(verifyLink(`${payload.toString('base64url')}.${signature}`, expect123, secret)).toEqual({ ok: false, code: 'LINK.TAMPERED' });
  });

  it('refuses a token signed with another secret', () => {
    expect(verifyLink(signLink({ purpose: 'buyer-order', subject: 'EO-2026-000123', expiresAt }, 'y'.repeat(32)), expect123, secret)).toEqual({ ok: false, code: 'LINK.TAMPERED' });
  });

  it('refuses a genuine token for another order', () => {
    const other = signLink({ purpose: 'buyer-order', subject: 'EO-2026-000999', expiresAt }, secret);
    expect(verifyLink(other, expect123, secret)).toEqual({ ok: false, code: 'LINK.WRONG_ORDER' });
  });

  it('refuses a genuine token for another purpose', () => {
    const evaluation = signLink({ purpose: 'evaluation', subject: 'EO-2026-000123', expiresAt }, secret);
    expect(verifyLink(evaluation, expect123, secret)).toEqual({ ok: false, code: 'LINK.WRONG_PURPOSE' });
  });

  it('refuses an expired token, from the second of expiry on', () => {
    expect(verifyLink(token, { ...expect123, now: expiresAt }, secret)).toEqual({ ok: false, code: 'LINK.EXPIRED' });
    expect(verifyLink(token, { ...expect123, now: new Date(expiresAt.getTime() - 1000) }, secret).ok).toBe(true);
  });

  it.each(['', 'abc', 'a.b.c', `${token}.x`, `${token.split('.')[0]}.short`, `${token.split('.')[0]}.${'+'.repeat(43)}`, '.'])('calls %p malformed', (bad) => {
    expect(verifyLink(bad, expect123, secret)).toEqual({ ok: false, code: 'LINK.MALFORMED' });
  });

  it('maps failures to 401 (bad, expired) and 403 (valid but elsewhere) DomainErrors', () => {
    expect(linkError('LINK.TAMPERED')).toMatchObject({ code: 'LINK.TAMPERED', kind: 'unauthorized' });
    expect(linkError('LINK.MALFORMED').kind).toBe('unauthorized');
    expect(linkError('LINK.EXPIRED').kind).toBe('unauthorized');
    expect(linkError('LINK.WRONG_ORDER').kind).toBe('forbidden');
    expect(linkError('LINK.WRONG_PURPOSE').kind).toBe('forbidden');
    expect(() => assertLink(token, { ...expect123, subject: 'EO-2026-000999' }, secret)).toThrow(DomainError);
    expect(assertLink(token, expect123, secret)).toEqual({ expiresAt });
  });

  it('builds the buyer order URL under /api/v1 with the token', () => {
    expect(buyerOrderUrl('https://hub.example/', 'EO-2026-000123', token)).toBe(`https://hub.example/api/v1/buyer/orders/EO-2026-000123?t=${token}`);
  });
});
