/**
 * Edit distance with adjacent transpositions (optimal string alignment, Damerau): a swapped pair of
 * letters, the commonest typing slip, costs one edit like an insertion, deletion or substitution.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let best = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length][b.length];
}

/** Similarity in per-mille (0..1000, integer): 1000 - 1000 * distance / longer length. */
export function similarityPermille(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1000;
  return Math.floor((1000 * (longer - editDistance(a, b))) / longer);
}
