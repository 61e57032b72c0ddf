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

/** Spellings of one legal form, so that `LIMITED` and `LTD` are the same form. */
const LEGAL_FORM_ALIASES: Record<string, string> = { LIMITED: 'LTD', INCORPORATED: 'INC', CORPORATION: 'CORP', COMPANY: 'CO', MBH: 'GMBH' };
/** Words in LEGAL_FORMS that are not legal forms. */
const FILLERS = new Set(['THE', 'AND', 'OF']);

/** The legal forms a name states (`Acme Trading Co., Ltd.` -> CO, LTD), canonical spelling. */
export function legalForms(name: string): Set<string> {
  const words = rawTokens(name).filter((t) => LEGAL_FORMS.has(t) && !FILLERS.has(t));
  return new Set(words.map((w) => LEGAL_FORM_ALIASES[w] ?? w));
}

/**
 * Two names whose legal forms have nothing in common (`ACME TRADING LTD` vs `ACME TRADING GMBH`) are
 * two companies, however alike the rest: the name does not designate that buyer. A name without a
 * legal form conflicts with nothing (banks often drop it).
 */
export function legalFormsConflict(a: string, b: string): boolean {
  const fa = legalForms(a);
  const fb = legalForms(b);
  return fa.size > 0 && fb.size > 0 && ![...fa].some((f) => fb.has(f));
}

/**
 * Words that name a department or a role, not a company: a payer name made only of them
 * (`TREASURY`, `AP DEPARTMENT`) says nothing about who paid, so it contradicts no account.
 */
const GENERIC_WORDS = new Set([
  'AP', 'AR', 'ACCOUNTS', 'ACCOUNT', 'PAYABLE', 'PAYABLES', 'DEPARTMENT', 'DEPT', 'TREASURY', 'FINANCE', 'FINANCIAL',
  'ACCOUNTING', 'PAYMENT', 'PAYMENTS', 'OFFICE', 'HEAD', 'DIVISION', 'TEAM', 'CFO', 'CASHIER', 'BILLING',
]);

export function isGenericName(name: string | null): boolean {
  if (!name) return true;
  const tokens = normaliseName(name);
  return tokens.length === 0 || tokens.every((t) => GENERIC_WORDS.has(t));
}

/**
 * A bounded memo for pure functions of a string: matching compares one payer name with hundreds of
 * buyer names per wire, and the same names again on the next wire; tokenising each again was a third
 * of the engine's time (issue 15). Emptied when full, so memory stays bounded; results are frozen,
 * so no caller can change what the next one reads.
 */
function memo<T>(limit: number, compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}

const NAMES_MEMO = 50_000;

/** The name's tokens, de-duplicated and sorted (frozen: copy before changing). */
export const normaliseName: (name: string) => readonly string[] = memo(NAMES_MEMO, (name) => Object.freeze([...new Set(tokensInOrder(name))].sort()));

/** The tokens without legal forms, in the name's order, joined: `ACMETRADING` for `Acme Trading Ltd`. */
const joinedTokens = memo(NAMES_MEMO, (name) => tokensInOrder(name).join(''));

function tokensInOrder(name: string): string[] {
  return rawTokens(name).filter((t) => !LEGAL_FORMS.has(t));
}

const rawTokens: (name: string) => readonly string[] = memo(NAMES_MEMO, (name) => Object.freeze(tokenise(name)));

function tokenise(name: string): string[] {
  const plain = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/[.'’]/g, '')
    .replace(/[^A-Z0-9]+/g, ' ');
  return plain.split(' ').filter((t) => t.length > 1);
}

/** The edit distance is at least the difference in length: a pair whose lengths cannot reach the pair floor is never computed. */
function lengthsCanPair(x: string, y: string): boolean {
  const longer = Math.max(x.length, y.length);
  return Math.floor((1000 * (longer - Math.abs(x.length - y.length))) / longer) >= PAIR_MIN_PERMILLE;
}

/** Token pairs recur across names and wires (a seller's buyers share words): each pair's edit similarity is computed once. */
const TOKEN_PAIRS_MEMO = 200_000;
const tokenPairs = new Map<string, number>();
function tokenSimilarity(x: string, y: string): number {
  const key = x < y ? `${x} ${y}` : `${y} ${x}`;
  const hit = tokenPairs.get(key);
  if (hit !== undefined) return hit;
  const sim = similarityPermille(x, y);
  if (tokenPairs.size >= TOKEN_PAIRS_MEMO) tokenPairs.clear();
  tokenPairs.set(key, sim);
  return sim;
}

export function nameSimilarity(a: string, b: string): number {
  const ta = normaliseName(a);
  const tb = normaliseName(b);
  if (ta.length === 0 || tb.length === 0) return 0;
  if (ta.join(' ') === tb.join(' ') || joinedTokens(a) === joinedTokens(b)) return 100;
  const pairs: Array<{ i: number; j: number; sim: number }> = [];
  ta.forEach((x, i) =>
    tb.forEach((y, j) => {
      if (!lengthsCanPair(x, y)) return;
      const sim = tokenSimilarity(x, y);
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

/**
 * The names among `names` whose similarity to `payerName` can reach `atLeast` (issue 15). A name
 * scores through token pairs at or above the pair floor (each token used once, each pair worth at
 * most the two lengths), or 100 by the same tokens run together (`ACMETRADING` / `ACME TRADING`).
 * So a name whose close tokens, each counted with the longest payer token close to it, cannot make
 * `atLeast` of the name's and the payer's letters scores below it, and is not scored at all. Each
 * distinct token is compared with the payer's tokens once. Exact: no name that could reach
 * `atLeast` is dropped (a property test checks it against nameSimilarity).
 */
export function namesThatCanScore(payerName: string, names: readonly string[], atLeast = 1): string[] {
  const payerTokens = normaliseName(payerName);
  if (payerTokens.length === 0) return [];
  const joined = joinedTokens(payerName);
  const payerLetters = payerTokens.reduce((n, t) => n + t.length, 0);
  /** Per token of a name: the length of the longest payer token close to it (0: none). */
  const closest = new Map<string, number>();
  const closestTo = (token: string): number => {
    let best = closest.get(token);
    if (best === undefined) {
      best = 0;
      for (const x of payerTokens) {
        if (x.length <= best || !lengthsCanPair(x, token)) continue;
        if (tokenSimilarity(x, token) >= PAIR_MIN_PERMILLE) best = x.length;
      }
      closest.set(token, best);
    }
    return best;
  };
  return names.filter((name) => {
    if (joined !== '' && joinedTokens(name) === joined) return true;
    const tokens = normaliseName(name);
    let letters = payerLetters;
    let reachable = 0;
    for (const y of tokens) {
      letters += y.length;
      const x = closestTo(y);
      if (x > 0) reachable += x + y.length;
    }
    // The score is floor(100 * matched / letters), matched at most `reachable` (and at most all letters).
    return reachable > 0 && Math.floor((100 * Math.min(reachable, letters)) / letters) >= atLeast;
  });
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
  const named = new Map<string, string>();
  for (const b of buyers) {
    const score = nameSimilarity(payerName, b.name);
    if (score >= (best.get(b.key) ?? -1)) named.set(b.key, b.name);
    best.set(b.key, Math.max(best.get(b.key) ?? 0, score));
  }
  const ranked = [...best.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  if (ranked.length === 0 || ranked[0][1] < threshold) return { kind: 'NO_MATCH', bestScore: ranked[0]?.[1] ?? 0 };
  // Tie guard: a second buyer that also passes the threshold, or comes within the margin, could be the payer too.
  const close = ranked.filter(([, s], i) => i === 0 || s >= threshold || s > ranked[0][1] - tieMargin);
  if (close.length > 1) {
    // Buyers named alike but for their legal form (two companies): the payer's own legal form tells them apart, when exactly one agrees with it.
    const agreeing = legalForms(payerName).size > 0 ? close.filter(([key]) => !legalFormsConflict(payerName, named.get(key) ?? '')) : [];
    if (agreeing.length === 1 && agreeing[0][1] >= threshold) return { kind: 'MATCH', buyerKey: agreeing[0][0], score: agreeing[0][1] };
    return { kind: 'TIE', buyerKeys: close.map(([k]) => k), score: ranked[0][1] };
  }
  return { kind: 'MATCH', buyerKey: ranked[0][0], score: ranked[0][1] };
}
