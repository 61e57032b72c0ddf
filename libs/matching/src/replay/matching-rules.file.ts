import { z } from 'zod';
import { DEFAULT_RULE_SET, type MatchingRuleSet } from '../domain';

const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal string, e.g. "0.5" (money and rates are never JSON numbers)');
const score = z.number().int('a whole number').min(0).max(100);

/**
 * The `--rules FILE` of `ereceipt matching replay`: the tunable part of the rules, JSON. Anything
 * left out keeps its default (docs/domain.md §3: tolerance 1 % or 50 units, whichever is lower; names
 * at 80/100 with a tie margin of 10).
 */
export const matchingRulesFileSchema = z
  .object({
    version: z.string().min(1).max(64),
    chargeTolerance: z.object({ percent: decimal, absolute: decimal }).strict().optional(),
    names: z.object({ threshold: score, tieMargin: score }).strict().optional(),
  })
  .strict();

export type MatchingRulesFile = z.infer<typeof matchingRulesFileSchema>;

/** Parses a rules file; a bad one throws an Error naming the file, the field and why. */
export function parseMatchingRules(text: string, fileName: string): MatchingRuleSet {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${fileName}: not JSON (${(e as Error).message})`);
  }
  const parsed = matchingRulesFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(top level)'}: ${i.message}`);
    throw new Error(`${fileName}: ${problems.join('; ')}`);
  }
  const rules = parsed.data;
  return { ruleVersion: rules.version, chargeTolerance: rules.chargeTolerance ?? DEFAULT_RULE_SET.chargeTolerance, names: rules.names ?? DEFAULT_RULE_SET.names };
}
