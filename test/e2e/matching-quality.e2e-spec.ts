import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { dropDatabase, freshDatabase, HubProcess, REPO_ROOT } from '@ereceipt/testing';
import { generateCorpus, SETUP_KIND } from '../quality/adversarial-corpus';
import { type CorpusReport, formatReport, resultLines, runCorpus, seedWorld } from '../quality/run-corpus';
import { groupAtTheEnd } from '../support/kafka-tap';

/**
 * Issue #20 "Done when", on a small adversarial corpus (test/quality/README.md): wires labelled
 * from docs/domain.md §3 and the bank formats, not from the engine's rule table, pushed as bank files
 * through POST /bank-files on the real hub (Kafka, PostgreSQL); each stored decision is scored
 * against its label. The per-kind table goes to stdout and artifacts/matching-quality-e2e.txt,
 * one line per wire (label, verdict, stored decision) to artifacts/matching-quality-e2e.jsonl.
 */
describe('matching quality: an adversarial corpus the engine did not write (real hub, Kafka, PostgreSQL)', () => {
  let hub: HubProcess;
  let db: { url: string; pool: Pool };
  let report: CorpusReport;
  const run = randomUUID().slice(0, 8).toUpperCase();
  const corpus = generateCorpus({ seed: 20, wires: 300, orders: 2_500 });

  beforeAll(async () => {
    db = await freshDatabase(`matching_quality_${run.toLowerCase()}`);
    await seedWorld(db.url, corpus);
    const groupId = `e2e-matching-quality-${run.toLowerCase()}`;
    await groupAtTheEnd(groupId);
    hub = await HubProcess.create('matching-quality', { DATABASE_URL: db.url, KAFKA_GROUP_ID: groupId, KAFKA_SESSION_TIMEOUT_MS: '45000' });
    await hub.start();
    report = await runCorpus({ baseUrl: hub.baseUrl, databaseUrl: db.url, corpus, refPrefix: `Q${run}`, valueDate: new Date().toISOString().slice(0, 10), perFile: 50 });
    const text = formatReport(report, `matching quality (e2e): ${report.totals.wires} wires, ${corpus.orders.length} orders, seed ${corpus.seed}`);
    mkdirSync(join(REPO_ROOT, 'artifacts'), { recursive: true });
    writeFileSync(join(REPO_ROOT, 'artifacts', 'matching-quality-e2e.txt'), text);
    writeFileSync(join(REPO_ROOT, 'artifacts', 'matching-quality-e2e.jsonl'), resultLines(report));
    process.stdout.write(`\n${text}`);
  }, 600_000);

  afterAll(async () => {
    await hub?.stop();
    await db?.pool.end();
    if (db) await dropDatabase(db.url);
  });

  it('every wire was stored and decided (nothing rejected, nothing undecided)', () => {
    expect(report.results.filter((r) => r.rejected !== null || r.outcome === null).map((r) => `${r.wire.id} ${r.wire.kind}: ${r.rejected ?? 'no decision'}`)).toEqual([]);
    expect(report.results.filter((r) => r.wire.kind !== SETUP_KIND)).toHaveLength(report.totals.wires);
  });

  it('finance could settle every setup wire and deposit as intended', () => {
    expect(report.settleFailures).toEqual([]);
  });

  it('0 wrong automatic associations', () => {
    expect(report.results.filter((r) => r.verdict === 'AUTO_WRONG').map((r) => `${r.wire.id} ${r.wire.kind} (${r.wire.variant}): ${r.reason}`)).toEqual([]);
  });

  it('at least 95 % of the wires a careful person would credit without looking are credited automatically, exactly', () => {
    expect(report.totals.autoShare).toBeGreaterThanOrEqual(0.95);
  });

  it('at least 98 % of the others show the right order first (or propose nothing when nothing is right)', () => {
    expect(report.totals.rightFirstShare).toBeGreaterThanOrEqual(0.98);
  });
});
