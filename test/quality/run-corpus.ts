/**
 * Runs the adversarial corpus through a real hub (issue #20 §5) and scores what the hub stored.
 *
 * 1. `seedWorld`: sellers, collection accounts and open orders straight into PostgreSQL (fast SQL:
 *    100,000+ orders through the API would take longer than the run itself), before the hub starts.
 * 2. `runCorpus`, on the running hub, phase by phase (0: setup wires that make buyers' accounts
 *    known, 1: the corpus, 2: balances after their deposits):
 *    - pushes the wires as bank files through `POST /api/v1/bank-files` (MT103 files of `perFile`
 *      messages, camt.054 one credit per file): the same path as the bank topics;
 *    - waits until every stored remittance has a decision (`match_decision`);
 *    - reads each remittance with `GET /api/v1/remittances/{id}` (status, associations, decision)
 *      and scores it against its label;
 *    - settles setup wires and deposits as finance would (approve the proposal, or unbind and
 *      associate by hand, four eyes when asked), so the next phase starts from the books a person expects.
 *
 * What counts (README.md): an AUTOMATIC association is a live association with method AUTO and
 * status APPROVED (money credited with no person involved). A proposal waiting for finance
 * (PROPOSED) is a review, with its orders as the first suggestion.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { REPO_ROOT } from '@ereceipt/testing';
import { type Allocation, type Corpus, type CorpusWire, KINDS, renderCamt054, renderMt103, SETUP_KIND } from './adversarial-corpus';
import { toMinor } from './corpus-support';

// --- seeding -------------------------------------------------------------------------------------

/** Sellers (APPROVED), one collection account per currency, and every order SUBMITTED and unpaid. */
export async function seedWorld(databaseUrl: string, corpus: Corpus): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('begin');
    await db.query(
      `insert into seller (id, legal_name, customs_code, trade_mode, settlement_currency, currencies, contact_email, status, rejection_reason, applied_at, decided_at)
       select x.id, x.legal_name, '3302961234', '0110', 'CNY', x.currencies, 'finance@seller.example', 'APPROVED', null, now() - interval '90 days', now() - interval '90 days'
         from jsonb_to_recordset($1::jsonb) as x(id uuid, legal_name text, currencies jsonb)`,
      [JSON.stringify(corpus.sellers.map((s) => ({ id: s.id, legal_name: s.legalName, currencies: s.accounts.map((a) => a.currency) })))],
    );
    const accounts = corpus.sellers.flatMap((s) => s.accounts.map((a) => ({ seller_id: s.id, currency: a.currency, account_number: a.accountNumber, beneficiary_name: s.legalName })));
    await db.query(
      `insert into collection_account (id, seller_id, currency, account_number, beneficiary_name, bank_name, bic, created_at)
       select gen_random_uuid(), x.seller_id, x.currency, x.account_number, x.beneficiary_name, 'CORPUS COLLECTION BANK', 'BKCHCNBJ', now() - interval '90 days'
         from jsonb_to_recordset($1::jsonb) as x(seller_id uuid, currency text, account_number text, beneficiary_name text)`,
      [JSON.stringify(accounts)],
    );
    const sellerId = corpus.sellers.map((s) => s.id);
    for (let from = 0; from < corpus.orders.length; from += 5_000) {
      const rows = corpus.orders.slice(from, from + 5_000).map((o) => ({
        order_no: o.orderNo,
        seller_id: sellerId[o.sellerIndex],
        buyer_name: o.buyerName,
        currency: o.currency,
        total: o.total,
        lines: [{ name: 'Goods', sku: null, hsCode: null, quantity: 1, unit: 'PCS', unitPrice: o.total }],
        milestones: [
          { kind: 'DEPOSIT', amount: o.deposit, paidAmount: '0.00', dueDate: '2027-01-15', preShipment: true },
          { kind: 'BALANCE', amount: o.balance, paidAmount: '0.00', dueDate: '2027-03-15', preShipment: false },
        ],
      }));
      await db.query(
        `insert into ereceipt_order (id, order_no, seller_id, external_order_id, buyer_name, buyer_email, buyer_country, currency, total, paid_amount, lines, milestones, incoterm, expected_ship_date, export_method, lifecycle_status, payment_status, fulfilment_status, cancel_reason, created_at, updated_at, submitted_at, cancelled_at)
         select gen_random_uuid(), x.order_no, x.seller_id, null, x.buyer_name, 'ap@buyer.example', 'US', x.currency, x.total, 0, x.lines, x.milestones,
                'FOB', date '2027-02-20', 'SELF_EXPORT', 'SUBMITTED', 'UNPAID', 'NOT_SHIPPED', null, now() - interval '30 days', now() - interval '30 days', now() - interval '30 days', null
           from jsonb_to_recordset($1::jsonb) as x(order_no text, seller_id uuid, buyer_name text, currency text, total numeric, lines jsonb, milestones jsonb)`,
        [JSON.stringify(rows)],
      );
    }
    // The hub's own order numbers continue after the corpus' (its virtual accounts are from 70,000,001 on).
    await db.query(`select setval('order_number_seq', $1)`, [corpus.orders.length]);
    await db.query('commit');
    await db.query('vacuum analyze');
  } catch (e) {
    await db.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    await db.end();
  }
}

/** A bearer token made with `ereceipt tokens create` against the hub's database. */
export function createToken(databaseUrl: string, role: string, name: string): string {
  return execFileSync(process.execPath, [join(REPO_ROOT, 'bin', 'ereceipt.js'), 'tokens', 'create', '--role', role, '--name', name], { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' } })
    .toString()
    .trim();
}

// --- scoring -------------------------------------------------------------------------------------

export type Verdict = 'AUTO_RIGHT' | 'AUTO_WRONG' | 'MISSED' | 'RIGHT_FIRST' | 'WRONG_FIRST';

export interface WireResult {
  wire: CorpusWire;
  remittanceId: string | null;
  /** Rejected by the bank connector (never stored), with the reason. */
  rejected: string | null;
  status: string | null;
  outcome: string | null;
  reason: string | null;
  flags: string[];
  /** Allocations credited automatically (method AUTO, status APPROVED). */
  auto: Allocation[];
  /** Allocations proposed and waiting for finance (status PROPOSED). */
  proposed: Allocation[];
  /** What a reviewer sees first: the first proposed order, else the decision's first candidate. */
  first: string | null;
  verdict: Verdict;
}

interface RemittanceView {
  id: string;
  status: string;
  associations: Array<{ id: string; orderNo: string; amount: string; method: string; status: string }>;
  decision: { outcome: string; reason: string; flags?: string[]; candidates?: Array<{ orderNo: string }> } | null;
}

const key = (allocations: Allocation[], currency: string) =>
  allocations
    .map((a) => `${a.orderNo}=${toMinor(a.amount.includes('.') ? a.amount.replace(/0+$/, '').replace(/\.$/, '') : a.amount, currency)}`)
    .sort()
    .join(',');

/** The verdict on one stored remittance, from its label alone (exported for the unit spec). */
export function score(wire: CorpusWire, view: RemittanceView | null, rejected: string | null = null): WireResult {
  const live = (view?.associations ?? []).filter((a) => a.status === 'APPROVED' || a.status === 'PROPOSED');
  const auto = live.filter((a) => a.method === 'AUTO' && a.status === 'APPROVED').map((a) => ({ orderNo: a.orderNo, amount: a.amount }));
  const proposed = live.filter((a) => a.status === 'PROPOSED').map((a) => ({ orderNo: a.orderNo, amount: a.amount }));
  const first = proposed[0]?.orderNo ?? view?.decision?.candidates?.[0]?.orderNo ?? null;
  let verdict: Verdict;
  if (wire.label.expect === 'AUTO') {
    verdict = auto.length === 0 ? 'MISSED' : key(auto, wire.currency) === key(wire.label.allocations, wire.currency) ? 'AUTO_RIGHT' : 'AUTO_WRONG';
  } else if (auto.length > 0) {
    verdict = 'AUTO_WRONG';
  } else if (wire.label.intended.length === 0) {
    // Nothing to propose: right when no money was put against any order.
    verdict = live.length === 0 ? 'RIGHT_FIRST' : 'WRONG_FIRST';
  } else {
    verdict = first !== null && wire.label.intended.includes(first) ? 'RIGHT_FIRST' : 'WRONG_FIRST';
  }
  return {
    wire,
    remittanceId: view?.id ?? null,
    rejected,
    status: view?.status ?? null,
    outcome: view?.decision?.outcome ?? null,
    reason: view?.decision?.reason ?? null,
    flags: view?.decision?.flags ?? [],
    auto,
    proposed,
    first,
    verdict,
  };
}

export interface KindRow {
  kind: string;
  wires: number;
  autoLabelled: number;
  autoRight: number;
  autoWrong: number;
  reviewLabelled: number;
  rightFirst: number;
}

export interface CorpusReport {
  rows: KindRow[];
  totals: KindRow & { autoShare: number; rightFirstShare: number };
  results: WireResult[];
  /** Setup wires and deposits finance could not settle as intended (the next phase then starts from other books). */
  settleFailures: string[];
  seconds: Record<string, number>;
}

export function summarize(results: WireResult[], settleFailures: string[] = [], seconds: Record<string, number> = {}): CorpusReport {
  const scored = results.filter((r) => r.wire.kind !== SETUP_KIND);
  const row = (kind: string, rs: WireResult[]): KindRow => ({
    kind,
    wires: rs.length,
    autoLabelled: rs.filter((r) => r.wire.label.expect === 'AUTO').length,
    autoRight: rs.filter((r) => r.verdict === 'AUTO_RIGHT').length,
    autoWrong: rs.filter((r) => r.verdict === 'AUTO_WRONG').length,
    reviewLabelled: rs.filter((r) => r.wire.label.expect === 'REVIEW').length,
    rightFirst: rs.filter((r) => r.verdict === 'RIGHT_FIRST').length,
  });
  const rows = KINDS.map((k) => row(k, scored.filter((r) => r.wire.kind === k))).filter((r) => r.wires > 0);
  const total = row('TOTAL', scored);
  return {
    rows,
    totals: { ...total, autoShare: total.autoLabelled ? total.autoRight / total.autoLabelled : 1, rightFirstShare: total.reviewLabelled ? total.rightFirst / total.reviewLabelled : 1 },
    results,
    settleFailures,
    seconds,
  };
}

/** One JSON line per wire: label, verdict and what the hub stored (for reading the misses). */
export function resultLines(report: CorpusReport): string {
  return report.results
    .map((r) => JSON.stringify({ id: r.wire.id, kind: r.wire.kind, variant: r.wire.variant, phase: r.wire.phase, amount: r.wire.amount, payer: r.wire.payerName, text: r.wire.remittanceInfo, label: r.wire.label, verdict: r.verdict, remittanceId: r.remittanceId, rejected: r.rejected, status: r.status, outcome: r.outcome, reason: r.reason, flags: r.flags, auto: r.auto, proposed: r.proposed, first: r.first }))
    .join('\n')
    .concat('\n');
}

const pct = (n: number, d: number) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)} %`);

/** The per-kind table, the totals, and what went wrong (examples) as plain text. */
export function formatReport(report: CorpusReport, title = 'matching quality: adversarial corpus'): string {
  const head = ['kind', 'wires', 'AUTO-labelled', 'AUTO right', 'AUTO wrong', 'REVIEW-labelled', 'right first', 'auto rate', 'right-first rate'];
  const cells = [...report.rows, report.totals].map((r) => [r.kind, r.wires, r.autoLabelled, r.autoRight, r.autoWrong, r.reviewLabelled, r.rightFirst, pct(r.autoRight, r.autoLabelled), pct(r.rightFirst, r.reviewLabelled)].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  const out = [title, line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(0, -1).map(line), widths.map((w) => '-'.repeat(w)).join('  '), line(cells[cells.length - 1])];
  const t = report.totals;
  out.push('', `wrong automatic associations: ${t.autoWrong}; auto rate (AUTO-labelled wires credited exactly): ${pct(t.autoRight, t.autoLabelled)}; right first suggestion (REVIEW-labelled): ${pct(t.rightFirst, t.reviewLabelled)}`);
  // Why: engine reasons per kind and verdict (the most frequent ones).
  const why = new Map<string, number>();
  for (const r of report.results.filter((x) => x.wire.kind !== SETUP_KIND && (x.verdict === 'AUTO_WRONG' || x.verdict === 'MISSED' || x.verdict === 'WRONG_FIRST'))) {
    const k = `${r.verdict} ${r.wire.kind} <- ${r.rejected ? `rejected: ${r.rejected}` : `${r.outcome ?? 'no decision'} ${r.reason ?? ''}`}`;
    why.set(k, (why.get(k) ?? 0) + 1);
  }
  if (why.size > 0) {
    out.push('', 'misses by kind and engine reason (count):');
    for (const [k, n] of [...why.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) out.push(`  ${String(n).padStart(6)}  ${k}`);
  }
  // A wrong automatic association that credited exactly the orders a reviewer should have seen first
  // put the money in the right place without the review the rules ask for; the others misplaced it.
  const wrongAll = report.results.filter((r) => r.verdict === 'AUTO_WRONG');
  const intendedOnly = wrongAll.filter((r) => r.wire.label.expect === 'REVIEW' && r.auto.every((a) => (r.wire.label.expect === 'REVIEW' ? r.wire.label.intended : []).includes(a.orderNo)));
  if (wrongAll.length > 0) out.push('', `of the ${wrongAll.length} wrong automatic associations, ${intendedOnly.length} credited only orders the label names (the intended place, but without the review the rules require: a third party, a contradicting reference), ${wrongAll.length - intendedOnly.length} credited another order or amount`);
  const wrong = wrongAll.slice(0, 12);
  if (wrong.length > 0) {
    out.push('', 'wrong automatic associations (examples):');
    for (const r of wrong) {
      const expected = r.wire.label.expect === 'AUTO' ? r.wire.label.allocations.map((a) => `${a.orderNo}=${a.amount}`).join(' ') : `REVIEW [${r.wire.label.intended.join(' ')}]`;
      out.push(`  ${r.wire.id} ${r.wire.kind} (${r.wire.variant}): ${r.reason} credited ${r.auto.map((a) => `${a.orderNo}=${a.amount}`).join(' ')}; label ${expected}`);
    }
  }
  if (report.settleFailures.length > 0) out.push('', `settling by hand failed for ${report.settleFailures.length} wire(s): ${report.settleFailures.slice(0, 5).join('; ')}`);
  return `${out.join('\n')}\n`;
}

// --- the run -------------------------------------------------------------------------------------

export interface RunOptions {
  baseUrl: string;
  databaseUrl: string;
  corpus: Corpus;
  /** Prefix of the bank references, unique per run. */
  refPrefix: string;
  /** Value date of the wires, YYYY-MM-DD. */
  valueDate: string;
  /** MT103 messages per uploaded file. */
  perFile?: number;
  /** Remittance views read at once (`read: 'api'`). */
  concurrency?: number;
  /**
   * How the stored outcome is read: `api` (default), `GET /remittances/{id}` per wire, the contract;
   * `db`, the same fields in one query (remittance, match_decision, remittance_association,
   * association_allocation): the API view reads about 20 per second on a loaded 2-core machine.
   */
  read?: 'api' | 'db';
  log?: (message: string) => void;
}

interface Api {
  (method: string, path: string, body: unknown, bearer: string, contentType?: string): Promise<{ status: number; body: Record<string, unknown> }>;
}

function api(baseUrl: string): Api {
  return async (method, path, body, bearer, contentType = 'application/json') => {
    const send = () =>
      fetch(`${baseUrl}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
    const res = await send().catch(send);
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
}

async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

export async function runCorpus(o: RunOptions): Promise<CorpusReport> {
  const log = o.log ?? (() => undefined);
  const call = api(o.baseUrl);
  const tokens = { connector: createToken(o.databaseUrl, 'connector', 'corpus bank connector'), finance: createToken(o.databaseUrl, 'finance', 'corpus finance A'), finance2: createToken(o.databaseUrl, 'finance', 'corpus finance B') };
  const pool = new Pool({ connectionString: o.databaseUrl, max: 2 });
  pool.on('error', () => undefined);
  const results: WireResult[] = [];
  const settleFailures: string[] = [];
  const seconds: Record<string, number> = {};
  const render = { refPrefix: o.refPrefix, valueDate: o.valueDate };
  try {
    for (const phase of [0, 1, 2] as const) {
      const wires = o.corpus.wires.filter((w) => w.phase === phase);
      if (wires.length === 0) continue;
      let t = Date.now();
      const ids = new Map<CorpusWire, string>();
      const rejected = new Map<CorpusWire, string>();
      const upload = async (batch: CorpusWire[], format: 'mt103' | 'camt054', text: string, name: string) => {
        // One file at a time, and again on a 5xx: two uploads at once can deadlock in the ledger (a
        // hub finding, see README.md); the upload is idempotent on the file's bytes.
        let res = await call('POST', `/bank-files?format=${format}&file-name=${encodeURIComponent(name)}`, text, tokens.connector, format === 'mt103' ? 'text/plain' : 'application/xml');
        for (let attempt = 2; res.status >= 500 && attempt <= 4; attempt++) {
          log(`${name}: answered ${res.status}, sending it again (attempt ${attempt})`);
          await new Promise((r) => setTimeout(r, 500 * attempt));
          res = await call('POST', `/bank-files?format=${format}&file-name=${encodeURIComponent(name)}`, text, tokens.connector, format === 'mt103' ? 'text/plain' : 'application/xml');
        }
        if (res.status !== 201 && res.status !== 200) {
          for (const w of batch) rejected.set(w, `file answered ${res.status}: ${JSON.stringify(res.body).slice(0, 200)}`);
          return;
        }
        for (const a of (res.body.accepted as Array<{ index: number; remittanceId: string }> | undefined) ?? []) ids.set(batch[a.index], a.remittanceId);
        for (const r of (res.body.rejected as Array<{ index: number | null; code?: string; message?: string }> | undefined) ?? []) if (r.index !== null && batch[r.index]) rejected.set(batch[r.index], `${r.code ?? ''} ${r.message ?? ''}`.trim());
      };
      const mt = wires.filter((w) => w.format === 'mt103');
      const files: Array<() => Promise<void>> = [];
      const perFile = o.perFile ?? 200;
      for (let i = 0; i < mt.length; i += perFile) {
        const batch = mt.slice(i, i + perFile);
        files.push(() => upload(batch, 'mt103', batch.map((w) => renderMt103(w, render)).join('\r\n'), `${o.refPrefix}-p${phase}-${i / perFile}.fin`));
      }
      for (const w of wires.filter((x) => x.format === 'camt054')) files.push(() => upload([w], 'camt054', renderCamt054(w, render), `${o.refPrefix}-${w.id}.xml`));
      await inParallel(files, 1, (f) => f());
      seconds[`phase ${phase} push`] = (Date.now() - t) / 1000;
      log(`phase ${phase}: ${wires.length} wires pushed in ${files.length} files (${ids.size} stored, ${rejected.size} rejected) in ${seconds[`phase ${phase} push`]} s`);

      t = Date.now();
      const stored = [...ids.values()];
      const until = Date.now() + 120_000 + stored.length * 20;
      for (;;) {
        const { rows } = await pool.query<{ n: number }>('select count(*)::int as n from match_decision where remittance_id = any($1::uuid[])', [stored]);
        if (rows[0].n >= stored.length) break;
        if (Date.now() > until) {
          log(`phase ${phase}: only ${rows[0].n} of ${stored.length} remittances have a decision; scoring the rest as undecided`);
          break;
        }
        await new Promise((r) => setTimeout(r, 500));
      }
      seconds[`phase ${phase} decide`] = (Date.now() - t) / 1000;

      t = Date.now();
      const views = new Map<CorpusWire, RemittanceView>();
      if (o.read === 'db') {
        const byId = await readFromDb(pool, [...ids.values()]);
        for (const [w, id] of ids) {
          const v = byId.get(id);
          if (v) views.set(w, v);
        }
      } else {
        await inParallel(wires, o.concurrency ?? 6, async (w) => {
          const id = ids.get(w);
          if (!id) return;
          const res = await call('GET', `/remittances/${id}`, undefined, tokens.finance);
          if (res.status === 200) views.set(w, res.body as unknown as RemittanceView);
        });
      }
      for (const w of wires) results.push(score(w, views.get(w) ?? null, rejected.get(w) ?? (ids.has(w) ? null : 'not stored')));
      seconds[`phase ${phase} read`] = (Date.now() - t) / 1000;

      t = Date.now();
      const toSettle = wires.filter((w) => w.settle && ids.has(w));
      await inParallel(toSettle, 2, async (w) => {
        const failure = await settle(call, tokens, ids.get(w)!, w);
        if (failure) settleFailures.push(`${w.id} ${w.kind}: ${failure}`);
      });
      if (toSettle.length > 0) log(`phase ${phase}: ${toSettle.length} wires settled by finance (${settleFailures.length} failures so far) in ${(Date.now() - t) / 1000} s`);
    }
  } finally {
    await pool.end();
  }
  return summarize(results, settleFailures, seconds);
}

/** The fields of the remittance view that scoring reads, straight from the tables behind it. */
export async function readFromDb(pool: Pool, ids: string[]): Promise<Map<string, RemittanceView>> {
  const out = new Map<string, RemittanceView>();
  for (let from = 0; from < ids.length; from += 5_000) {
    const chunk = ids.slice(from, from + 5_000);
    const { rows } = await pool.query<{ id: string; status: string; outcome: string | null; reason: string | null; decision: { flags?: string[]; candidates?: Array<{ orderNo: string }> } | null }>(
      'select r.id, r.status, d.outcome, d.reason, d.decision from remittance r left join match_decision d on d.remittance_id = r.id where r.id = any($1::uuid[])',
      [chunk],
    );
    for (const r of rows) out.set(r.id, { id: r.id, status: r.status, associations: [], decision: r.outcome === null ? null : { outcome: r.outcome, reason: r.reason ?? '', flags: r.decision?.flags ?? [], candidates: r.decision?.candidates ?? [] } });
    const allocations = await pool.query<{ remittance_id: string; id: string; method: string; status: string; order_no: string; amount: string }>(
      `select a.remittance_id, a.id, a.method, a.status, l.order_no, l.amount::text as amount
         from remittance_association a join association_allocation l on l.association_id = a.id
        where a.remittance_id = any($1::uuid[]) order by a.created_at, l.id`,
      [chunk],
    );
    for (const a of allocations.rows) out.get(a.remittance_id)?.associations.push({ id: a.id, orderNo: a.order_no, amount: a.amount, method: a.method, status: a.status });
  }
  return out;
}

/**
 * What finance does with a setup wire or a deposit before the next wire of the buyer arrives: the
 * money must end up credited to exactly `wire.settle`. Returns a failure text, or null.
 */
async function settle(call: Api, tokens: { finance: string; finance2: string }, remittanceId: string, wire: CorpusWire): Promise<string | null> {
  const want = key(wire.settle!, wire.currency);
  const view = (await call('GET', `/remittances/${remittanceId}`, undefined, tokens.finance)).body as unknown as RemittanceView;
  const live = new Map<string, { status: string; allocations: Allocation[] }>();
  for (const a of view.associations.filter((x) => x.status === 'APPROVED' || x.status === 'PROPOSED')) {
    const entry = live.get(a.id) ?? { status: a.status, allocations: [] };
    entry.allocations.push({ orderNo: a.orderNo, amount: a.amount });
    live.set(a.id, entry);
  }
  const entries = [...live.entries()];
  if (entries.length === 1 && key(entries[0][1].allocations, wire.currency) === want) {
    if (entries[0][1].status === 'APPROVED') return null;
    const approved = await call('POST', `/associations/${entries[0][0]}/approve`, { reason: 'corpus: finance confirms' }, tokens.finance);
    return approved.status === 200 ? null : `approve answered ${approved.status} ${JSON.stringify(approved.body).slice(0, 160)}`;
  }
  for (const [id] of entries) {
    const unbound = await call('DELETE', `/remittances/${remittanceId}/associations/${id}`, undefined, tokens.finance);
    if (unbound.status !== 200) return `unbind answered ${unbound.status} ${JSON.stringify(unbound.body).slice(0, 160)}`;
  }
  const made = await call('POST', `/remittances/${remittanceId}/associations`, { allocations: wire.settle }, tokens.finance);
  if (made.status !== 201) return `associate answered ${made.status} ${JSON.stringify(made.body).slice(0, 160)}`;
  if (made.body.status === 'PROPOSED') {
    const second = await call('POST', `/associations/${String(made.body.associationId)}/approve`, { reason: 'corpus: second person' }, tokens.finance2);
    if (second.status !== 200) return `four-eyes approval answered ${second.status} ${JSON.stringify(second.body).slice(0, 160)}`;
  }
  return null;
}
