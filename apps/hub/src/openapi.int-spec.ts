import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@ereceipt/config';
import { createHub, HUB_VERSION } from './create-hub';
import { openApiDocument } from './openapi';

/** The OpenAPI document is generated from the code and checked in; this fails when they drift. */
describe('OpenAPI document', () => {
  it('docs/api/openapi.json matches the code (run `npm run docs:generate` and commit docs/api)', async () => {
    const app = await createHub({ ...loadConfig(), roles: new Set(['http']), logLevel: 'warn' });
    try {
      await app.init();
      const generated = JSON.parse(JSON.stringify(openApiDocument(app, HUB_VERSION))) as unknown;
      const checkedIn = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'docs', 'api', 'openapi.json'), 'utf8')) as unknown;
      expect(checkedIn).toEqual(generated);
    } finally {
      await app.close();
    }
  });
});
