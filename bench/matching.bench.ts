/**
 * Matching on PostgreSQL (issue #5 §7): decisions per second and time per decision over many open orders.
 *
 * Seeds a fresh database `ereceipt_hub_bench_matching` with S approved sellers (one USD virtual
 * account each) and N open orders spread over them (200 buyers per seller, deposit + balance), then
 * stores R remittances and runs `MatchRemittance.within` on each in its own transaction, C at a time:
 * candidate retrieval (indexed, bounded), the engine, the decision row, and for AUTO the association,
 * the order's paid amounts, the audit chain and the outbox events. Time per decision includes the commit.
 *
 * Mix of remittances: 50 % quote the order number and pay its deposit from the buyer; 20 % pay a
 * deposit from the buyer without a reference; 10 % quote it from a third party; 10 % arrive on an
 * unknown virtual account; 10 % pay a random amount without a reference.
 *
 *   npm run bench -- matching [--orders 1m] [--sellers 1000] [--remittances 100k] [--concurrency 2] [--chunk 500] [--mode index|batch|wire] [--reuse]
 *
 * `--reuse` keeps the seeded orders of the previous run (some are paid by then).
 */
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import type { CanonicalRemittance } from '@ereceipt/contracts';
import { decide, lockSellersOfAccounts, MatchingIndex, MatchRemittance, type MatchingDecision, retrieveCandidatesForBatch } from '@ereceipt/matching';
import { OutboxWriter } from '@ereceipt/messaging';
import { ormOptions } from '@ereceipt/persistence';
import { recreateDatabase, withDatabase } from '@ereceipt/testing';
import { hubEntities } from '@app/hub/entities';
import { BenchArgs } from './support/args';
import { conditions, printJsonLine, printTable, round, summarize, runBench } from './support/report';
import { ensureServices } from './support/services';

const DATABASE = 'ereceipt_hub_bench_matching';
/** Seller ids derived from their index, as v4-shaped uuids (the event schemas check the uuid form). */
const WORDS_A = ['AMBER', 'BRISK', 'CEDAR', 'DELTA', 'EMBER', 'FJORD', 'GRANITE', 'HARBOR', 'IVORY', 'JASPER', 'KESTREL', 'LUMEN', 'MAPLE', 'NORTH', 'ONYX', 'PACIFIC', 'QUARTZ', 'RAVEN', 'SUMMIT', 'TIMBER'];
const WORDS_B = ['ANCHOR', 'BRIDGE', 'CANYON', 'DUNE', 'ESTATE', 'FALCON', 'GROVE', 'HARVEST', 'ISLAND', 'JUNCTION', 'KNOLL', 'LAGOON', 'MEADOW', 'NEXUS', 'ORCHARD', 'PRAIRIE', 'QUAY', 'RIDGE', 'SPRING', 'TRAIL'];

interface Options {
  orders: number;
  sellers: number;
  remittances: number;
  concurrency: number;
  /** Decisions per transaction (1: each commits alone, the worst case; the inbound pipeline commits up to 200). */
  chunk: number;
  reuse: boolean;
  /** Only the retrieval + decision phase (after a warm-up pass over the first chunks), e.g. to profile it. */
  decideOnly: boolean;
  /** The bench's own database (recreated unless --reuse). */
  database: string;
  /**
   * `index`: the hub's path, the chunk decided together with candidates from the in-memory matching
   * index; `batch`: the chunk decided together with candidates from set-based statements;
   * `wire`: one wire at a time, as before issue 15.
   */
  mode: 'index' | 'batch' | 'wire';
}

function readOptions(): Options {
  const args = new BenchArgs();
  args.rejectUnknown(['orders', 'sellers', 'remittances', 'concurrency', 'chunk', 'reuse', 'mode', 'decide-only', 'database']);
  const mode = args.string('mode') ?? 'index';
  if (mode !== 'index' && mode !== 'batch' && mode !== 'wire') throw new Error(`--mode: "${mode}" is none of index, batch, wire`);
  const o: Options = { orders: args.int('orders', 1_000_000), sellers: args.int('sellers', 1_000), remittances: args.int('remittances', 100_000), concurrency: args.int('concurrency', 2), chunk: args.int('chunk', 500), reuse: args.flag('reuse'), mode, decideOnly: args.flag('decide-only'), database: args.string('database') ?? DATABASE };
  if (o.orders > 1_999_998) throw new Error('--orders above 1,999,998 does not fit two years of 6-digit order numbers');
  return o;
}

/** Deterministic PRNG (mulberry32), so two runs draw the same remittances. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function seed(url: string, o: Options): Promise<number> {
  const db = new Client({ connectionString: url });
  await db.connect();
  const t0 = performance.now();
  try {
    await db.query(
      `insert into seller (id, legal_name, customs_code, trade_mode, settlement_currency, currencies, contact_email, status, rejection_reason, applied_at, decided_at)
       select overlay(overlay(md5('s' || i) placing '4' from 13) placing '8' from 17)::uuid, 'SELLER ' || i, '3302961234', '0110', 'CNY', '["USD"]', 's@bench.example', 'APPROVED', null, now(), now() from generate_series(1, $1) i`,
      [o.sellers],
    );
    await db.query(
      `insert into collection_account (id, seller_id, currency, account_number, beneficiary_name, bank_name, bic, created_at)
       select gen_random_uuid(), overlay(overlay(md5('s' || i) placing '4' from 13) placing '8' from 17)::uuid, 'USD', 'VA88' || lpad(i::text, 9, '0'), 'SELLER ' || i, 'BENCH BANK', 'BKCHCNBJ', now() from generate_series(1, $1) i`,
      [o.sellers],
    );
    const half = Math.ceil(o.orders / 2);
    // Per seller 200 buyers (two words from 20 x 10), so about 5 open orders per buyer at 1,000 orders per seller.
    await db.query(
      `insert into ereceipt_order (id, order_no, seller_id, external_order_id, buyer_name, buyer_email, buyer_country, currency, total, paid_amount, lines, milestones, incoterm, expected_ship_date, export_method, lifecycle_status, payment_status, fulfilment_status, cancel_reason, created_at, updated_at, submitted_at, cancelled_at)
       select gen_random_uuid(), 'EO-' || case when i <= $2 then '2025-' || lpad(i::text, 6, '0') else '2026-' || lpad((i - $2)::text, 6, '0') end,
              overlay(overlay(md5('s' || (1 + i % $3)) placing '4' from 13) placing '8' from 17)::uuid, null,
              ($4::text[])[1 + (b % 20 + s) % 20] || ' ' || ($5::text[])[1 + (b / 20 + s * 3) % 20] || ' TRADING LLC', 'ap@buyer.example', 'US', 'USD',
              dep * 3, 0, '[]'::jsonb,
              jsonb_build_array(jsonb_build_object('kind', 'DEPOSIT', 'amount', to_char(dep, 'FM999999990.00'), 'paidAmount', '0.00', 'dueDate', '2027-01-01', 'preShipment', true),
                                jsonb_build_object('kind', 'BALANCE', 'amount', to_char(dep * 2, 'FM999999990.00'), 'paidAmount', '0.00', 'dueDate', '2027-03-01', 'preShipment', false)),
              'FOB', date '2027-02-01', 'SELF_EXPORT', 'SUBMITTED', 'UNPAID', 'NOT_SHIPPED', null, now() - interval '30 days', now(), now(), null
         from (select i, (i / $3) % 200 as b, 1 + i % $3 as s, round(100 + ((i::bigint * 7919) % 900000) / 100.0, 2) as dep from generate_series(1, $1) i) g`,
      [o.orders, half, o.sellers, WORDS_A, WORDS_B],
    );
    // As autovacuum would leave a settled table: statistics, and a visibility map for index-only scans.
    await db.query('vacuum analyze');
  } finally {
    await db.end();
  }
  return (performance.now() - t0) / 1000;
}

interface Drawn {
  kind: 'QUOTED' | 'NO_REFERENCE' | 'THIRD_PARTY' | 'UNKNOWN_ACCOUNT' | 'RANDOM_AMOUNT';
  remittance: CanonicalRemittance;
}

async function draw(url: string, o: Options): Promise<Drawn[]> {
  const db = new Client({ connectionString: url });
  await db.connect();
  const rows = (
    await db.query<{ order_no: string; buyer_name: string; deposit: string; account_number: string }>(
      `select o.order_no, o.buyer_name, o.milestones->0->>'amount' as deposit, ca.account_number
         from ereceipt_order o join collection_account ca on ca.seller_id = o.seller_id
        where o.order_no = any($1::text[])`,
      [Array.from({ length: o.remittances }, (_, k) => k).map((k) => {
        const i = 1 + ((k * 104_729) % o.orders);
        const half = Math.ceil(o.orders / 2);
        return i <= half ? `EO-2025-${String(i).padStart(6, '0')}` : `EO-2026-${String(i - half).padStart(6, '0')}`;
      })],
    )
  ).rows;
  await db.end();
  const random = prng(5);
  // Unique per run, so --reuse can store the same draw again (the fingerprint of an original is unique).
  const stamp = Date.now().toString(36);
  const today = new Date().toISOString().slice(0, 10);
  return rows.map((r, k) => {
    const roll = random();
    const kind: Drawn['kind'] = roll < 0.5 ? 'QUOTED' : roll < 0.7 ? 'NO_REFERENCE' : roll < 0.8 ? 'THIRD_PARTY' : roll < 0.9 ? 'UNKNOWN_ACCOUNT' : 'RANDOM_AMOUNT';
    const quoted = kind === 'QUOTED' || kind === 'THIRD_PARTY';
    const remittance: CanonicalRemittance = {
      source: 'mt103',
      messageRef: `BM-${stamp}-${k}`,
      uetr: randomUUID(),
      endToEndId: null,
      senderBic: 'BANKUS33XXX',
      valueDate: today,
      currency: 'USD',
      amount: kind === 'RANDOM_AMOUNT' ? `${100 + Math.floor(random() * 90_000)}.${String(Math.floor(random() * 100)).padStart(2, '0')}` : r.deposit,
      instructedAmount: null,
      chargeBearer: 'SHA',
      chargesDeducted: [],
      payer: { name: kind === 'THIRD_PARTY' ? 'ZENITH PAYMENT SERVICES SA' : r.buyer_name, account: null, address: [], bic: null },
      beneficiary: { name: 'SELLER', account: kind === 'UNKNOWN_ACCOUNT' ? 'VA88999999999' : r.account_number },
      remittanceInfo: quoted ? `PAYMENT FOR ORDER ${r.order_no.slice(0, 8)}\n${r.order_no.slice(8)}` : 'GOODS',
      references: [],
      relatedReference: null,
      possibleDuplicate: false,
    };
    return { kind, remittance };
  });
}

async function storeRemittances(orm: MikroORM, drawn: Drawn[]): Promise<string[]> {
  const ids = drawn.map(() => randomUUID());
  const em = orm.em.fork();
  for (let from = 0; from < drawn.length; from += 2_000) {
    const rows = drawn.slice(from, from + 2_000).map((d, j) => ({
      id: ids[from + j],
      message_ref: d.remittance.messageRef,
      uetr: d.remittance.uetr,
      value_date: d.remittance.valueDate,
      amount: d.remittance.amount,
      payer_name: d.remittance.payer.name,
      beneficiary_account: d.remittance.beneficiary.account,
      remittance_info: d.remittance.remittanceInfo,
    }));
    // One JSON parameter per batch (knex would expand an array binding into a list).
    await em.execute(
      `insert into remittance (id, source, message_ref, uetr, value_date, currency, amount, charges_deducted, payer_address, payer_name, beneficiary_account, "references", possible_duplicate, fingerprint, status, received_at, inbound_message_id, channel, source_index, source_line, raw, remittance_info, charge_bearer)
       select x.id, 'mt103', x.message_ref, x.uetr, x.value_date, 'USD', x.amount, '[]', '[]', x.payer_name, x.beneficiary_account, '[]', false, md5(x.message_ref), 'PENDING_ASSOCIATION', now(), 0, 'kafka', 0, 0, '', x.remittance_info, 'SHA'
         from jsonb_to_recordset(?::jsonb) as x(id uuid, message_ref text, uetr uuid, value_date date, amount numeric, payer_name text, beneficiary_account text, remittance_info text)`,
      [JSON.stringify(rows)],
    );
  }
  return ids;
}

async function main(): Promise<void> {
  const o = readOptions();
  const services = await ensureServices();
  const url = withDatabase(services.databaseUrl, o.database);
  let seedSeconds = 0;
  if (!o.reuse) {
    process.stderr.write(`[matching] recreating ${o.database} and seeding ${o.orders.toLocaleString('en-US')} orders over ${o.sellers} sellers...\n`);
    await recreateDatabase(services.databaseUrl, o.database, 'bench');
    seedSeconds = await seed(url, o);
  }
  const orm = await MikroORM.init(ormOptions({ databaseUrl: url, dbPoolMax: o.concurrency + 2 }, hubEntities));
  try {
    const drawn = await draw(url, o);
    if (o.decideOnly) {
      const index = o.mode === 'index' ? new MatchingIndex() : null;
      const remittances = drawn.map((d) => d.remittance);
      // Warm: the index holds every seller the wires reach (the hub loads each once), and the code is compiled.
      if (index) {
        await orm.em.fork().transactional(async (em) => {
          const sellerIds = [...(await lockSellersOfAccounts(em, remittances.map((r) => r.beneficiary.account))).values()];
          await index.prepare(em, sellerIds);
          await index.finish(em, sellerIds);
        });
      }
      await retrievalAndDecision(orm, o, remittances.slice(0, o.chunk * 2), index);
      global.gc?.();
      const warm = await retrievalAndDecision(orm, o, remittances, index);
      printTable(`retrieval + decision only (${o.mode}; warm; no writes): chunks of ${o.chunk}, one worker`, [
        ['decisions', 'seconds', 'decisions/s', 'p50 ms', 'p99 ms', 'RSS MiB', 'heap used MiB', 'orders held'],
        [drawn.length, round(warm.seconds, 2), round(drawn.length / warm.seconds, 0), warm.summary.p50Ms, warm.summary.p99Ms, round(process.memoryUsage().rss / 2 ** 20, 0), round(process.memoryUsage().heapUsed / 2 ** 20, 0), index?.size ?? '-'],
      ]);
      printJsonLine({ benchmark: 'matching-decide', mode: o.mode, orders: o.orders, sellers: o.sellers, remittances: drawn.length, chunk: o.chunk, decisionsPerSecond: round(drawn.length / warm.seconds, 0), latencyMs: warm.summary, rssMiB: round(process.memoryUsage().rss / 2 ** 20, 0), conditions: conditions() });
      return;
    }
    const ids = await storeRemittances(orm, drawn);
    process.stderr.write(`[matching] ${drawn.length.toLocaleString('en-US')} remittances stored; matching with concurrency ${o.concurrency}...\n`);
    const index = o.mode === 'index' ? new MatchingIndex() : null;
    const match = new MatchRemittance(index);
    if (index) {
      // The hub loads a seller once, when a wire first reaches it, and keeps it: load them all before the clock starts, and say what it took.
      const w0 = performance.now();
      await orm.em.fork().transactional(async (em) => {
        const sellerIds = [...(await lockSellersOfAccounts(em, drawn.map((d) => d.remittance.beneficiary.account))).values()];
        await index.prepare(em, sellerIds);
        await index.finish(em, sellerIds);
      });
      process.stderr.write(`[matching] index loaded: ${index.size.toLocaleString('en-US')} open orders of ${index.stats.loads} sellers in ${round((performance.now() - w0) / 1000, 1)} s, RSS ${round(process.memoryUsage().rss / 2 ** 20, 0)} MiB\n`);
    }
    const latency = new Float64Array(drawn.length);
    const outcomes = new Map<string, number>();
    const byKind = new Map<string, Map<string, number>>();
    let next = 0;
    const t0 = performance.now();
    const commits: number[] = [];
    // Like the inbound pipeline, `--chunk` decisions share one transaction; a decision's time is its
    // `within()` call, plus its share of the chunk's commit.
    const worker = async () => {
      for (let from = next; from < drawn.length; from = next) {
        next = Math.min(drawn.length, from + o.chunk);
        const until = next;
        let committedAt = 0;
        await orm.em.fork().transactional(async (em) => {
          const outbox = OutboxWriter.buffered(em);
          const tally = (k: number, decision: MatchingDecision) => {
            const key = `${decision.outcome} ${decision.reason}`;
            outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
            const mine = byKind.get(drawn[k].kind) ?? new Map<string, number>();
            mine.set(decision.outcome, (mine.get(decision.outcome) ?? 0) + 1);
            byKind.set(drawn[k].kind, mine);
          };
          if (o.mode !== 'wire') {
            // The hub's path (issue 15): the chunk decided together, in rounds of one wire per seller.
            const s = performance.now();
            const items = Array.from({ length: until - from }, (_, j) => ({ remittanceId: ids[from + j], remittance: drawn[from + j].remittance }));
            const decisions = await match.withinMany(em, outbox, items);
            const each = (performance.now() - s) / items.length;
            decisions.forEach((d, j) => {
              latency[from + j] = each;
              tally(from + j, d);
            });
          } else {
            // The per-wire path before issue 15: each wire retrieved and decided alone.
            for (let k = from; k < until; k++) {
              const s = performance.now();
              const decision = await match.within({ em, outbox, remittanceId: ids[k], remittance: drawn[k].remittance });
              latency[k] = performance.now() - s;
              tally(k, decision);
            }
          }
          await outbox.flush();
          committedAt = performance.now();
        });
        const commitMs = performance.now() - committedAt;
        commits.push(commitMs);
        for (let k = from; k < until; k++) latency[k] += commitMs / (until - from);
      }
    };
    await Promise.all(Array.from({ length: o.concurrency }, worker));
    const seconds = (performance.now() - t0) / 1000;
    const summary = summarize(latency);
    printTable(`matching (${o.mode}): ${drawn.length.toLocaleString('en-US')} decisions over ${o.orders.toLocaleString('en-US')} open orders (${o.sellers} sellers), concurrency ${o.concurrency}, ${o.chunk} per transaction`, [
      ['decisions', 'seconds', 'decisions/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      [drawn.length, round(seconds, 1), round(drawn.length / seconds, 0), summary.p50Ms, summary.p95Ms, summary.p99Ms, summary.maxMs],
    ]);
    const decideOnly = await retrievalAndDecision(orm, o, drawn.map((d) => d.remittance), index);
    printTable(`retrieval + decision only (${o.mode === 'index' ? 'matching index' : 'set-based statements'}; no writes): chunks of ${o.chunk}, one worker`, [
      ['decisions', 'seconds', 'decisions/s', 'p50 ms', 'p99 ms', 'index hits', 'sellers loaded', 'RSS MiB'],
      [drawn.length, round(decideOnly.seconds, 2), round(drawn.length / decideOnly.seconds, 0), decideOnly.summary.p50Ms, decideOnly.summary.p99Ms, index?.stats.hits ?? '-', index?.stats.loads ?? '-', round(process.memoryUsage().rss / 2 ** 20, 0)],
    ]);
    printTable('outcomes by scenario', [['scenario', 'AUTO', 'SUGGEST', 'NONE'], ...[...byKind.entries()].sort().map(([kind, m]) => [kind, m.get('AUTO') ?? 0, m.get('SUGGEST') ?? 0, m.get('NONE') ?? 0])]);
    printTable('reasons', [['outcome reason', 'count'], ...[...outcomes.entries()].sort((a, b) => b[1] - a[1])]);
    printJsonLine({
      benchmark: 'matching',
      mode: o.mode,
      orders: o.orders,
      sellers: o.sellers,
      remittances: drawn.length,
      concurrency: o.concurrency,
      chunk: o.chunk,
      commitMsMean: round(commits.reduce((a, b) => a + b, 0) / Math.max(1, commits.length), 2),
      seedSeconds: round(seedSeconds, 1),
      seconds: round(seconds, 2),
      decisionsPerSecond: round(drawn.length / seconds, 0),
      retrievalAndDecision: { decisionsPerSecond: round(drawn.length / decideOnly.seconds, 0), latencyMs: decideOnly.summary },
      index: index ? { ...index.stats, orders: index.size } : null,
      rssMiB: round(process.memoryUsage().rss / 2 ** 20, 0),
      latencyMs: summary,
      outcomes: Object.fromEntries(outcomes),
      conditions: conditions(),
    });
  } finally {
    await orm.close();
  }
}

/**
 * What the target counts: candidate retrieval and the decision, in chunks, without acting on
 * the decisions (no association, no writes). Each chunk in its own transaction, with its sellers
 * locked and (index mode) the index prepared, as the hub does. A decision's time is its chunk's
 * time divided by the chunk's size.
 */
async function retrievalAndDecision(orm: MikroORM, o: Options, remittances: CanonicalRemittance[], index: MatchingIndex | null): Promise<{ seconds: number; summary: ReturnType<typeof summarize> }> {
  const latency = new Float64Array(remittances.length);
  const t0 = performance.now();
  for (let from = 0; from < remittances.length; from += o.chunk) {
    const chunk = remittances.slice(from, from + o.chunk);
    const s = performance.now();
    await orm.em.fork().transactional(async (em) => {
      const sellers = await lockSellersOfAccounts(em, chunk.map((r) => r.beneficiary.account));
      if (index) await index.prepare(em, [...sellers.values()]);
      // Rounds are not needed without writes: every wire sees the same state.
      const loaded = index ? index.retrieve(chunk, sellers) : await retrieveCandidatesForBatch(em, chunk, null, undefined, sellers);
      chunk.forEach((r, j) => decide(r, loaded[j].context));
      if (index) await index.finish(em, [...sellers.values()]);
    });
    const each = (performance.now() - s) / chunk.length;
    latency.fill(each, from, from + chunk.length);
  }
  return { seconds: (performance.now() - t0) / 1000, summary: summarize(latency) };
}

runBench(main);
