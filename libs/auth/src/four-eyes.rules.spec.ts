import { needsFourEyes, personOf, samePerson, tokenActorName } from './four-eyes.rules';

describe('four eyes', () => {
  it('a person is their e-mail, a token its name and id, an owned token its owner', () => {
    expect(personOf('finance:Alice@Example.com')).toBe('alice@example.com');
    const token = tokenActorName({ id: '1a2b3c4d-0000-4000-8000-000000000000', name: 'erp', owner: null });
    expect(token).toBe('token erp #1a2b3c4d');
    expect(personOf(`finance:${token}`)).toBe('token erp #1a2b3c4d');
    const owned = tokenActorName({ id: '9a2b3c4d-0000-4000-8000-000000000000', name: 'script', owner: 'alice@example.com' });
    expect(samePerson(`finance:${owned}`, 'finance:alice@example.com')).toBe(true);
    expect(samePerson('finance:bob@example.com', 'finance:alice@example.com')).toBe(false);
    expect(samePerson(`finance:${token}`, `finance:${tokenActorName({ id: '2a2b3c4d-0000-4000-8000-000000000000', name: 'erp', owner: null })}`)).toBe(false);
  });

  it('every amount needs a second person unless its currency has a threshold; above it, still', () => {
    expect(needsFourEyes({}, 'USD', '0.01')).toBe(true);
    expect(needsFourEyes({ USD: '1000.00' }, 'USD', '1000.00')).toBe(false);
    expect(needsFourEyes({ USD: '1000.00' }, 'USD', '1000.01')).toBe(true);
    expect(needsFourEyes({ USD: '1000.00' }, 'EUR', '1.00')).toBe(true);
    expect(needsFourEyes({ JPY: '100000' }, 'JPY', '99999')).toBe(false);
  });
});
