import { editDistance, similarityPermille } from './levenshtein';

describe('edit distance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect(editDistance('TRADING', 'TRADING')).toBe(0);
    expect(editDistance('TRADING', 'TRDING')).toBe(1);
    expect(editDistance('TRADING', 'TRXDING')).toBe(1);
    expect(editDistance('TRADING', 'TRDAING')).toBe(1);
    expect(editDistance('', 'ABC')).toBe(3);
    expect(editDistance('KITTEN', 'SITTING')).toBe(3);
  });

  it('turns it into an integer per-mille similarity', () => {
    expect(similarityPermille('IMPORTS', 'IMPORST')).toBe(857);
    expect(similarityPermille('', '')).toBe(1000);
    expect(similarityPermille('ABC', 'XYZ')).toBe(0);
  });
});
