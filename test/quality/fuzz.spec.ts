// The fuzz core lives with its command (bench/fuzz.bench.ts), which the build compiles and test/ is not part of.
// eslint-disable-next-line no-restricted-imports
import { fuzz } from '../../bench/support/fuzz';

/**
 * A small seeded fuzz run of every connector in `npm test` (issue 16 item 4; the long run is
 * `npm run fuzz -- --runs N`): no input makes a parser throw, report an internal error or emit a
 * remittance that breaks the canonical schema. Time per input is the fuzz command's business.
 */
describe('connectors under fuzzing (seeded)', () => {
  it('300 mutated inputs per connector: 0 unexpected outcomes', async () => {
    const reports = await fuzz({ runs: 300, seed: 16, maxMsPerInput: Number.POSITIVE_INFINITY });
    expect(reports.map((r) => [r.target, r.runs])).toEqual([['mt', 300], ['camt', 300], ['csv', 300], ['erp', 300]]);
    expect(reports.flatMap((r) => r.failures.map((f) => `${f.target}: ${f.reason} ${JSON.stringify(f.input.slice(0, 200))}`))).toEqual([]);
  }, 120_000);
});
