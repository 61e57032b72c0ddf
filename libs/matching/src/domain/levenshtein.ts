/** Edit distance (insert, delete, substitute), two-row dynamic programme. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

/** Similarity in per-mille (0..1000, integer): 1000 - 1000 * distance / longer length. */
export function similarityPermille(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1000;
  return Math.floor((1000 * (longer - levenshtein(a, b))) / longer);
}
