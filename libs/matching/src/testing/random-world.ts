import type { CanonicalRemittance } from '@ereceipt/contracts';
import { ApplySeller, DecideSeller } from '@ereceipt/sellers';
import { Rng } from '../domain/testing/prng';
import type { MatchingWorld } from './matching-world';

/**
 * The random world that retrieval is checked on (batch-retrieval.int-spec.ts, matching-index.int-spec.ts):
 * buyers with near-twin names and legal-form twins, a few amounts that collide, the world's seller's
 * orders in USD and EUR and a second seller's, and wires that quote, mistype or omit order numbers,
 * with payer names and accounts drawn from the same lists.
 */
export const RANDOM_BUYERS = ['ACME TRADING LLC', 'ACME TRADNG LLC', 'ACME TRADING GMBH', 'GLOBEX IMPORTS INC', 'GLOBEX IMPORT INC', 'INITECH SUPPLY CO', 'UMBRELLA GOODS LTD', 'ACMETRADING LLC', 'STARK INDUSTRIES SA', 'WAYNE ENTERPRISES'];
export const RANDOM_AMOUNTS = ['100.00', '250.00', '250.50', '999.99', '1000.00', '1860.00', '4340.00'];

export interface RandomWorld {
  world: MatchingWorld;
  otherSeller: string;
  otherVa: string;
  orderNos: string[];
  /** The PRNG the orders were drawn with (a spec may go on drawing from it, e.g. a history). */
  rng: Rng;
}

/** A second seller, then `own` orders of the world's seller (85 % USD) and `other` of the second seller's, drawn with `seed`. */
export async function seedRandomWorld(world: MatchingWorld, seed: number, own: number, other: number): Promise<RandomWorld> {
  const applied = await new ApplySeller(world.orm).execute({ legalName: 'SHENZHEN OTHER CO LTD', customsCode: '4403961234', tradeMode: '0110', currencies: ['USD'], contactEmail: 'o@example.cn' });
  const approved = await new DecideSeller(world.orm).approve(applied.sellerId);
  const otherSeller = approved.sellerId;
  const rng = new Rng(seed);
  const random = () => rng.next();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const orderNos: string[] = [];
  for (let i = 0; i < own; i++) orderNos.push(await world.addOrder(pick(RANDOM_BUYERS), pick(RANDOM_AMOUNTS), pick(RANDOM_AMOUNTS), random() < 0.85 ? 'USD' : 'EUR'));
  for (let i = 0; i < other; i++) orderNos.push(await world.addOrder(pick(RANDOM_BUYERS), pick(RANDOM_AMOUNTS), pick(RANDOM_AMOUNTS), 'USD', otherSeller));
  return { world, otherSeller, otherVa: approved.collectionAccounts[0].accountNumber, orderNos, rng };
}

/** `n` wires drawn with `seed`; with `uetrs`, half of them carry one of those UETRs. */
export function randomWires(w: RandomWorld, seed: number, n: number, uetrs: readonly string[] = []): CanonicalRemittance[] {
  const rng = new Rng(seed);
  const random = () => rng.next();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  return Array.from({ length: n }, () => {
    const no = pick(w.orderNos);
    const typo = `${no.slice(0, -2)}${no.slice(-1)}${no.slice(-2, -1)}`;
    const roll = random();
    return w.world.wire({
      amount: pick(RANDOM_AMOUNTS),
      currency: random() < 0.85 ? 'USD' : 'EUR',
      ...(uetrs.length > 0 ? { uetr: random() < 0.5 ? pick(uetrs) : null } : {}),
      payer: { name: random() < 0.9 ? pick([...RANDOM_BUYERS, 'ZENITH PAYMENTS SA', 'TREASURY']) : null, account: pick(['US111', 'US222', 'DE333', 'FR444', null]), address: [], bic: null },
      references: roll < 0.4 ? [no] : roll < 0.5 ? [typo] : roll < 0.55 ? [no, pick(w.orderNos)] : [],
      remittanceInfo: roll > 0.9 ? `INVOICE ${no.slice(8)}` : null,
      beneficiary: { name: 'X', account: pick([w.world.va, w.world.va, w.world.va, w.otherVa, 'VA00000000']) },
    });
  });
}
