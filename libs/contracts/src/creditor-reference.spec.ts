import { creditorReferenceCheck, creditorReferenceOf, isValidCreditorReference } from './creditor-reference';

describe('creditor reference (ISO 11649) of an order number', () => {
  it('is RF + mod-97 check digits + the order number without dashes, in groups of four', () => {
    expect(creditorReferenceOf('EO-2026-000123')).toBe('RF28 EO20 2600 0123');
    expect(creditorReferenceCheck('EO-2026-000123')).toBe('28');
    // ISO 11649's own example: RF18 5390 0754 7034.
    expect(isValidCreditorReference('RF18 5390 0754 7034')).toBe(true);
  });

  it('detects a transposition or a wrong digit', () => {
    expect(isValidCreditorReference('RF28EO2026000123')).toBe(true);
    expect(isValidCreditorReference('rf28 eo20 2600 0123')).toBe(true);
    expect(isValidCreditorReference('RF28EO2026000132')).toBe(false);
    expect(isValidCreditorReference('RF28EO2026000124')).toBe(false);
    expect(isValidCreditorReference('RF82EO2026000123')).toBe(false);
  });

  it('refuses what is not an order number', () => {
    expect(() => creditorReferenceOf('PO-77')).toThrow(RangeError);
  });
});
