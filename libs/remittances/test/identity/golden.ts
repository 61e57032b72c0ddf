import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CanonicalRemittance, ParsedRemittance } from '@ereceipt/contracts';
import { bankConnectors } from '@ereceipt/remittances';

/**
 * Golden cases of issue #16 (one directory each): bank files received in name order, and
 * `expected.json`, what each wire must become. A wire is named `file#index`.
 */
export interface GoldenOutcome {
  wire: string;
  outcome: 'original' | 'duplicate' | 'conflict';
  of?: string;
  charge?: { currency: string; amount: string } | null;
  note?: string | null;
}

export interface GoldenFile {
  name: string;
  wires: Array<{ name: string; parsed: ParsedRemittance; remittance: CanonicalRemittance }>;
}

export interface GoldenCase {
  name: string;
  files: GoldenFile[];
  expected: GoldenOutcome[];
}

const ROOT = __dirname;

export async function goldenCases(): Promise<GoldenCase[]> {
  const cases: GoldenCase[] = [];
  for (const name of readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const dir = join(ROOT, name);
    const files: GoldenFile[] = [];
    for (const file of readdirSync(dir).filter((f) => f !== 'expected.json').sort()) {
      const format = file.endsWith('.xml') ? 'camt054' : file.endsWith('.csv') ? 'csv' : 'mt103';
      const outcome = await bankConnectors[format].parse(readFileSync(join(dir, file)), { sourceName: file });
      if (outcome.issues.length > 0) throw new Error(`${name}/${file}: ${JSON.stringify(outcome.issues)}`);
      files.push({ name: file, wires: outcome.remittances.map((parsed, i) => ({ name: `${file}#${i}`, parsed, remittance: parsed.remittance })) });
    }
    cases.push({ name, files, expected: JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as GoldenOutcome[] });
  }
  return cases;
}
