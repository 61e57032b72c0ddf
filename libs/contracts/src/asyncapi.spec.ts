import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HUB_VERSION } from '@ereceipt/config';
import { allTopics, asyncApiDocument, eventJsonSchemas, eventRegistry } from '@ereceipt/contracts';

const API_DIR = join(__dirname, '..', '..', '..', 'docs', 'api');
const regenerate = 'run `npm run docs:generate` and commit docs/api';

describe('contracts registry -> checked-in AsyncAPI and JSON Schemas', () => {
  it(`docs/api/asyncapi.json matches the registry (${regenerate})`, () => {
    const checkedIn: unknown = JSON.parse(readFileSync(join(API_DIR, 'asyncapi.json'), 'utf8'));
    expect(checkedIn).toEqual(asyncApiDocument(HUB_VERSION));
  });

  it(`docs/api/schemas has exactly one schema per event type, matching (${regenerate})`, () => {
    const files = readdirSync(join(API_DIR, 'schemas')).sort();
    expect(files).toEqual(eventRegistry.map((e) => `${e.type}.json`).sort());
    for (const [type, schema] of Object.entries(eventJsonSchemas())) {
      expect(JSON.parse(readFileSync(join(API_DIR, 'schemas', `${type}.json`), 'utf8'))).toEqual(schema);
    }
  });

  it('names every topic once, each inbound topic with its DLQ', () => {
    const topics = allTopics();
    expect(new Set(topics).size).toBe(topics.length);
    for (const t of topics.filter((x) => !x.startsWith('hub.') && !x.endsWith('.dlq'))) expect(topics).toContain(`${t}.dlq`);
  });

  it('gives every event type a version suffix and an outbound topic', () => {
    for (const e of eventRegistry) {
      expect(e.type).toMatch(/\.v\d+$/);
      expect(e.topic).toMatch(/^hub\./);
    }
  });
});
