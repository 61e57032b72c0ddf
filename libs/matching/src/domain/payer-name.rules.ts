import { similarityPermille } from './levenshtein';
import { DEFAULT_NAME_MATCH, type NameMatchPolicy } from './matching-context';

/**
 * Payer name vs buyer name. Normalised: accents stripped (NFD), upper case, dots and apostrophes
 * dropped inside words (`S.A.` -> `SA`), other punctuation as spaces, legal-form and filler words
 * removed, single letters removed, tokens de-duplicated and sorted (word order does not matter).
 * Similarity is a token-set score 0..100: tokens paired greedily by edit similarity (a pair counts
 * from 75 %), weighted by length, so a typo costs little and a missing word costs its share.
 */
const LEGAL_FORMS = new Set([
  'LLC', 'LTD', 'LIMITED', 'GMBH', 'MBH', 'CO', 'COMPANY', 'INC', 'INCORPORATED', 'CORP', 'CORPORATION',
  'SA', 'SAS', 'SARL', 'SRL', 'SPA', 'BV', 'NV', 'AG', 'KG', 'OHG', 'PLC', 'PTE', 'PVT', 'PTY', 'OY', 'AB',
  'LLP', 'LP', 'KK', 'JSC', 'OOO', 'SL', 'LTDA', 'SDN', 'BHD', 'EIRL', 'SPZOO', 'ZOO', 'THE', 'AND', 'OF',
]);

export const NAME_MATCH_THRESHOLD = DEFAULT_NAME_MATCH.threshold;
/** Another buyer scoring at the threshold, or within this many points of the best, makes the name no signal. */
export const NAME_TIE_MARGIN = DEFAULT_NAME_MATCH.tieMargin;
const PAIR_MIN_PERMILLE = 750;

export function normaliseName(name: string): string[] {
  return [...new Set(tokensInOrder(name))].sort();
}

function tokensInOrder(name: string): string[] {
  const plain = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/[.'’]/g, '')
    .replace(/[^A-Z0-9]+/g, ' ');
  return plain.split(' ').filter((t) => t.length > 1 && !LEGAL_FORMS.has(t));
}

export function nameSimilarity(a: string, b: string): number {
  const ta = normaliseName(a);
  const tb = normaliseName(b);
  if (ta.length === 0 || tb.length === 0) return 0;
  if (ta.join(' ') === tb.join(' ') || tokensInOrder(a).join('') === tokensInOrder(b).join('')) return 100;
  const pairs: Array<{ i: number; j: number; sim: number }> = [];
  ta.forEach((x, i) =>
    tb.forEach((y, j) => {
      const sim = similarityPermille(x, y);
      if (sim >= PAIR_MIN_PERMILLE) pairs.push({ i, j, sim });
    }),
  );
  pairs.sort((p, q) => q.sim - p.sim || p.i - q.i || p.j - q.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let matched = 0;
  for (const p of pairs) {
    if (usedA.has(p.i) || usedB.has(p.j)) continue;
    usedA.add(p.i);
    usedB.add(p.j);
    matched += p.sim * (ta[p.i].length + tb[p.j].length);
  }
  const total = [...ta, ...tb].reduce((n, t) => n + t.length, 0);
  return Math.floor((100 * matched) / (1000 * total));
}

export type NameIdentification =
  | { kind: 'MATCH'; buyerKey: string; score: number }
  | { kind: 'TIE'; buyerKeys: string[]; score: number }
  | { kind: 'NO_MATCH'; bestScore: number }
  | { kind: 'NO_NAME' };

/** Which buyer the payer name designates: one clear best at or above the threshold, else no signal. */
export function identifyBuyerByName(payerName: string | null, buyers: Array<{ key: string; name: string }>, policy: NameMatchPolicy = DEFAULT_NAME_MATCH): NameIdentification {
  const { threshold, tieMargin } = policy;
  if (!payerName || normaliseName(payerName).length === 0) return { kind: 'NO_NAME' };
  const best = new Map<string, number>();
  for (const b of buyers) best.set(b.key, Math.max(best.get(b.key) ?? 0, nameSimilarity(payerName, b.name)));
  const ranked = [...best.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  if (ranked.length === 0 || ranked[0][1] < threshold) return { kind: 'NO_MATCH', bestScore: ranked[0]?.[1] ?? 0 };
  // Tie guard: a second buyer that also passes the threshold, or comes within the margin, could be the payer too.
  const close = ranked.filter(([, s], i) => i === 0 || s >= threshold || s > ranked[0][1] - tieMargin);
  if (close.length > 1) return { kind: 'TIE', buyerKeys: close.map(([k]) => k), score: ranked[0][1] };
  return { kind: 'MATCH', buyerKey: ranked[0][0], score: ranked[0][1] };
}
