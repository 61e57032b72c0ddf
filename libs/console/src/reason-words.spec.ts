import { reasonWords } from './reason-words';

describe('reason codes in words', () => {
  it('says what the engine saw, and nothing for a code it does not know', () => {
    expect(reasonWords('MATCHING.UNKNOWN_VIRTUAL_ACCOUNT')).toBe("paid into an account that is no seller's");
    expect(reasonWords('MATCHING.THIRD_PARTY_PAYER')).toBe('paid by someone other than the buyer');
    expect(reasonWords('MATCHING.SOMETHING_NEW')).toBeNull();
    expect(reasonWords(null)).toBeNull();
  });
});
