import { claimAt, claimValues, identityFromClaims } from './oidc.rules';

describe('OpenID Connect claims -> a hub person', () => {
  const config = { rolesClaim: 'roles', roleMap: { 'hub-finance': 'finance', 'hub-admin': 'admin', 'erp-seller': 'seller', 'finance-readers': 'finance' } as const, sellerClaim: 'seller_id' };
  const base = { sub: 'abc-123', email: 'Carol@Example.COM', email_verified: true, name: 'Carol Chen' };

  it('maps the roles claim (a list) to one hub role and names the person by the e-mail in lower case', () => {
    expect(identityFromClaims({ ...base, roles: ['staff', 'hub-finance'] }, config)).toEqual({ ok: true, subject: 'abc-123', email: 'carol@example.com', displayName: 'Carol Chen', role: 'finance', sellerId: null });
  });

  it('two values that map to the same role are one role; to two roles, refused', () => {
    expect(identityFromClaims({ ...base, roles: ['hub-finance', 'finance-readers'] }, config)).toMatchObject({ ok: true, role: 'finance' });
    expect(identityFromClaims({ ...base, roles: ['hub-finance', 'hub-admin'] }, config)).toMatchObject({ ok: false, code: 'AUTH.OIDC_ROLE_AMBIGUOUS', reason: expect.stringContaining('finance and admin') });
  });

  it('no mapped value, no claim, or a claim of another type: refused with the values it saw', () => {
    expect(identityFromClaims({ ...base, roles: ['staff'] }, config)).toMatchObject({ ok: false, code: 'AUTH.OIDC_ROLE_UNMAPPED', reason: expect.stringContaining('"staff"') });
    expect(identityFromClaims(base, config)).toMatchObject({ ok: false, code: 'AUTH.OIDC_ROLE_UNMAPPED', reason: expect.stringContaining('holds nothing') });
    expect(identityFromClaims({ ...base, roles: { finance: true } }, config)).toMatchObject({ ok: false, code: 'AUTH.OIDC_ROLE_UNMAPPED' });
  });

  it('a seller needs the seller claim', () => {
    expect(identityFromClaims({ ...base, roles: 'erp-seller' }, config)).toMatchObject({ ok: false, code: 'AUTH.OIDC_SELLER_MISSING' });
    expect(identityFromClaims({ ...base, roles: 'erp-seller', seller_id: ' 0b8f6a5e-0000-4000-8000-000000000001 ' }, config)).toMatchObject({ ok: true, role: 'seller', sellerId: '0b8f6a5e-0000-4000-8000-000000000001' });
  });

  it('no e-mail, or one the provider has not verified: refused', () => {
    expect(identityFromClaims({ sub: 'x', roles: ['hub-finance'] }, config)).toMatchObject({ ok: false, code: 'AUTH.OIDC_NO_EMAIL' });
    expect(identityFromClaims({ sub: 'x', email: 'not an address', roles: ['hub-finance'] }, config)).toMatchObject({ ok: false, code: 'AUTH.OIDC_NO_EMAIL' });
    expect(identityFromClaims({ ...base, email_verified: false, roles: ['hub-finance'] }, config)).toMatchObject({ ok: false, code: 'AUTH.OIDC_EMAIL_NOT_VERIFIED' });
  });

  it('reads nested claims by a dotted path (Keycloak realm_access.roles), a whole name first', () => {
    expect(claimAt({ realm_access: { roles: ['hub-admin'] } }, 'realm_access.roles')).toEqual(['hub-admin']);
    expect(claimAt({ 'https://hub/roles': 'a', https: { x: 1 } }, 'https://hub/roles')).toBe('a');
    expect(claimAt({ a: ['x'] }, 'a.b')).toBeUndefined();
    expect(identityFromClaims({ ...base, realm_access: { roles: ['hub-admin'] } }, { ...config, rolesClaim: 'realm_access.roles' })).toMatchObject({ ok: true, role: 'admin' });
  });

  it('a roles string splits on spaces and commas; non-strings in a list are ignored', () => {
    expect(claimValues('hub-finance staff,other')).toEqual(['hub-finance', 'staff', 'other']);
    expect(claimValues(['a', 3, null, ' b '])).toEqual(['a', 'b']);
    expect(claimValues(undefined)).toEqual([]);
  });
});
