import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkRepository, checkText } from './check-references';

describe('reference check', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'references-'));
    for (const dir of ['docs', 'libs/orders/src', 'connectors/swift-mt/test/fixtures/ok']) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, 'docs', 'domain.md'), '# Domain\n');
    writeFileSync(join(root, 'libs/orders/src/order.entity.ts'), '');
    writeFileSync(join(root, 'libs/orders/README.md'), '');
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const problems = (file: string, text: string) => checkText(root, file, text).map((f) => `${f.line}: ${f.problem}`);

  it('accepts links and paths that resolve inside the repository', () => {
    expect(problems('libs/orders/README.md', 'See [the rules](../../docs/domain.md#3-payment) and [web](https://example.com), [here](#top).')).toEqual([]);
    expect(problems('libs/orders/src/x.ts', '// docs/domain.md §3; libs/orders/src/order.entity.ts; libs/orders/src/order.entity (a module path)')).toEqual([]);
    expect(problems('connectors/swift-mt/src/x.spec.ts', '// every `test/fixtures/ok/<case>.fin` (the connector\'s own folder)')).toEqual([]);
    expect(problems('README.md', 'screenshots in `docs/screenshots/buyer-page-*.png`, fixtures in `test/fixtures/ok|not-ok`')).toEqual([]);
  });

  it('names a relative link that does not resolve, or leaves the repository', () => {
    expect(problems('libs/orders/README.md', 'line one\nSee [gone](../../docs/missing.md) and [out](../../../shared/x.md).')).toEqual([
      '2: links to ../../docs/missing.md, which does not exist',
      '2: links to ../../../shared/x.md, outside the repository',
    ]);
  });

  it('names a root path that does not exist', () => {
    expect(problems('libs/orders/src/x.ts', '// see libs/orders/src/gone.usecase.ts')).toEqual(['1: names libs/orders/src/gone.usecase.ts, which does not exist in the repository']);
  });

  it('refuses citations of the design documents outside the repository', () => {
    for (const text of ['// (DOMAIN.md §3)', '/** CONTRACT.md "Order" */', 'STYLE.md §6', 'see ARCHITECTURE.md', 'in ../shared/design/notes']) {
      expect(problems('libs/orders/src/x.ts', text)).toEqual([expect.stringContaining('a design document outside the repository')]);
    }
    expect(problems('docs/x.md', 'docs/domain.md and architecture.md are ours')).toEqual([]);
  });

  it('checks the files it is given and reports file and line', () => {
    writeFileSync(join(root, 'docs', 'bad.md'), 'ok\n[x](nowhere.md)\n');
    expect(checkRepository(root, ['docs/domain.md', 'docs/bad.md'])).toEqual([{ file: 'docs/bad.md', line: 2, problem: 'links to nowhere.md, which does not exist' }]);
  });
});
