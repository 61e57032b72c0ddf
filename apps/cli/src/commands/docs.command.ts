import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { asyncApiDocument, eventJsonSchemas } from '@ereceipt/contracts';
import { loadConfig } from '@ereceipt/config';
import { createHub, HUB_VERSION } from '@app/hub/create-hub';
import { openApiDocument } from '@app/hub/openapi';
import { repoRoot } from '../repo-root';

/** Writes the generated API documents that are checked in (a test fails when they drift). */
export async function generateApiDocuments(outDir = join(repoRoot(), 'docs', 'api')): Promise<string[]> {
  mkdirSync(join(outDir, 'schemas'), { recursive: true });
  const written: string[] = [];
  const write = (name: string, value: unknown) => {
    writeFileSync(join(outDir, name), `${JSON.stringify(value, null, 2)}\n`);
    written.push(join(outDir, name));
  };
  write('asyncapi.json', asyncApiDocument(HUB_VERSION));
  for (const [type, schema] of Object.entries(eventJsonSchemas())) write(join('schemas', `${type}.json`), schema);
  const app = await createHub({ ...loadConfig(), roles: new Set(['http']) });
  try {
    await app.init();
    write('openapi.json', openApiDocument(app, HUB_VERSION));
  } finally {
    await app.close();
  }
  return written;
}

export function registerDocs(program: Command): void {
  program
    .command('docs')
    .description('generated API documents')
    .command('generate')
    .description('write docs/api/openapi.json, asyncapi.json and the event JSON Schemas')
    .action(async () => {
      for (const f of await generateApiDocuments()) console.log(`wrote ${f}`);
    });
}
