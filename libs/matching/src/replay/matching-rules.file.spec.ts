import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMatchingRules } from './matching-rules.file';

describe('replay rules file', () => {
  it('keeps the defaults for what it leaves out', () => {
    expect(parseMatchingRules('{"version":"v2"}', 'r.json')).toEqual({ ruleVersion: 'v2', chargeTolerance: null, names: null });
    expect(parseMatchingRules('{"version":"v3","chargeTolerance":{"percent":"0.5","absolute":"25"},"names":{"threshold":85,"tieMargin":5}}', 'r.json')).toEqual({
      ruleVersion: 'v3',
      chargeTolerance: { percent: '0.5', absolute: '25' },
      names: { threshold: 85, tieMargin: 5 },
    });
  });

  it('refuses a bad file naming the file, each field and why', () => {
    expect(() => parseMatchingRules('{"version":', 'r.json')).toThrow(/^r\.json: not JSON/);
    expect(() => parseMatchingRules('{}', 'r.json')).toThrow(/^r\.json: version: /);
    expect(() => parseMatchingRules('{"version":"v","chargeTolerance":{"percent":0.5,"absolute":"x"}}', 'r.json')).toThrow(
      /chargeTolerance\.percent: .*; chargeTolerance\.absolute: a decimal string/,
    );
    expect(() => parseMatchingRules('{"version":"v","names":{"threshold":80.5,"tieMargin":101}}', 'r.json')).toThrow(/names\.threshold: a whole number; names\.tieMargin: /);
    expect(() => parseMatchingRules('{"version":"v","tolerance":"1"}', 'r.json')).toThrow(/\(top level\): Unrecognized key: "tolerance"/);
  });

  it('reads the sample the demo points at', () => {
    const file = join(__dirname, '../../../../samples/matching-rules.strict.json');
    expect(parseMatchingRules(readFileSync(file, 'utf8'), file)).toEqual({ ruleVersion: 'strict-charges/1', chargeTolerance: { percent: '0.25', absolute: '10' }, names: { threshold: 90, tieMargin: 10 } });
  });
});
