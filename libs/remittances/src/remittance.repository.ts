import type { EntityManager } from '@mikro-orm/postgresql';
import { preparedStatement, runPrepared } from '@ereceipt/persistence';
import type { RemittanceColumns } from './remittance-canonical.mapper';
import type { MoneyValue, RemittanceStatus } from './remittance.entity';
import type { WireMoney } from './remittance-identity.rules';

/** One new `remittance` row, as RecordRemittance decided it. */
export interface NewRemittanceRow extends RemittanceColumns {
  id: string;
  fingerprint: string;
  duplicateOf: string | null;
  conflictsWith: string | null;
  identityNote: string | null;
  chargesExplained: MoneyValue | null;
  sellerId: string | null;
  status: RemittanceStatus;
  inboundMessageId: string;
  channel: 'kafka' | 'http';
  fileName: string | null;
  sourceIndex: number;
  sourceLine: number;
  raw: string;
}

/**
 * The hot path's insert (issue #14): every wire of a chunk in one prepared statement, one array per
 * column. json columns travel as text and are cast; a nullable json column's null is SQL NULL, as the
 * ORM stores it. The column list is explicit (a column added later is added here too).
 */
const INSERT = preparedStatement(
  'hub_remittance_insert_v1',
  `insert into remittance (id, source, message_ref, uetr, end_to_end_id, sender_bic, value_date, currency, amount, instructed_amount,
     charge_bearer, charges_deducted, payer_name, payer_account, payer_address, payer_bic, beneficiary_name, beneficiary_account,
     remittance_info, "references", related_reference, possible_duplicate, irregularities, details, fingerprint, duplicate_of,
     conflicts_with, identity_note, charges_explained, seller_id, status, received_at, inbound_message_id, channel, file_name,
     source_index, source_line, raw)
   select t.id, t.source, t.message_ref, t.uetr, t.end_to_end_id, t.sender_bic, t.value_date, t.currency, t.amount, t.instructed_amount::jsonb,
     t.charge_bearer, t.charges_deducted::jsonb, t.payer_name, t.payer_account, t.payer_address::jsonb, t.payer_bic, t.beneficiary_name, t.beneficiary_account,
     t.remittance_info, t.refs::jsonb, t.related_reference, t.possible_duplicate, t.irregularities::jsonb, t.details::jsonb, t.fingerprint, t.duplicate_of,
     t.conflicts_with, t.identity_note, t.charges_explained::jsonb, t.seller_id, t.status, $1::timestamptz, t.inbound_message_id, t.channel, t.file_name,
     t.source_index, t.source_line, t.raw
     from unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::date[], $9::text[], $10::numeric[], $11::text[],
       $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[],
       $20::text[], $21::text[], $22::text[], $23::boolean[], $24::text[], $25::text[], $26::text[], $27::uuid[],
       $28::uuid[], $29::text[], $30::text[], $31::uuid[], $32::text[], $33::bigint[], $34::text[], $35::text[],
       $36::int[], $37::int[], $38::text[]) with ordinality
       as t(id, source, message_ref, uetr, end_to_end_id, sender_bic, value_date, currency, amount, instructed_amount,
         charge_bearer, charges_deducted, payer_name, payer_account, payer_address, payer_bic, beneficiary_name, beneficiary_account,
         remittance_info, refs, related_reference, possible_duplicate, irregularities, details, fingerprint, duplicate_of,
         conflicts_with, identity_note, charges_explained, seller_id, status, inbound_message_id, channel, file_name,
         source_index, source_line, raw, ord)
    order by t.ord`,
);

const json = (v: unknown): string => JSON.stringify(v);
const jsonOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

export async function insertRemittances(em: EntityManager, receivedAt: Date, rows: readonly NewRemittanceRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <V>(f: (r: NewRemittanceRow) => V): V[] => rows.map(f);
  await runPrepared(em, INSERT, [
    receivedAt,
    col((r) => r.id),
    col((r) => r.source),
    col((r) => r.messageRef),
    col((r) => r.uetr),
    col((r) => r.endToEndId),
    col((r) => r.senderBic),
    col((r) => r.valueDate),
    col((r) => r.currency),
    col((r) => r.amount),
    col((r) => jsonOrNull(r.instructedAmount)),
    col((r) => r.chargeBearer),
    col((r) => json(r.chargesDeducted)),
    col((r) => r.payerName),
    col((r) => r.payerAccount),
    col((r) => json(r.payerAddress)),
    col((r) => r.payerBic),
    col((r) => r.beneficiaryName),
    col((r) => r.beneficiaryAccount),
    col((r) => r.remittanceInfo),
    col((r) => json(r.references)),
    col((r) => r.relatedReference),
    col((r) => r.possibleDuplicate),
    col((r) => json(r.irregularities)),
    col((r) => jsonOrNull(r.details)),
    col((r) => r.fingerprint),
    col((r) => r.duplicateOf),
    col((r) => r.conflictsWith),
    col((r) => r.identityNote),
    col((r) => jsonOrNull(r.chargesExplained)),
    col((r) => r.sellerId),
    col((r) => r.status),
    col((r) => r.inboundMessageId),
    col((r) => r.channel),
    col((r) => r.fileName),
    col((r) => r.sourceIndex),
    col((r) => r.sourceLine),
    col((r) => r.raw),
  ]);
}

export interface IdentityCandidateRow {
  i: number;
  id: string;
  rank: number;
  conflicts_with: string | null;
  currency: string;
  amount: string;
  instructed_amount: MoneyValue | null;
  charge_bearer: WireMoney['chargeBearer'];
  charges_deducted: MoneyValue[];
}

/**
 * The stored wires each new one may repeat, one branch per key, each on its own index (see
 * RecordRemittance.findCandidates for why), for the whole chunk in one prepared statement.
 */
const CANDIDATES = preparedStatement(
  'hub_remittance_candidates_v1',
  `select w.i, c.rank, r.id, r.conflicts_with, r.currency, r.amount::text as amount, r.instructed_amount, r.charge_bearer, r.charges_deducted
     from jsonb_to_recordset($1::jsonb) as w(i int, uetr uuid, e2e text, cur text, amt numeric, fp text)
     cross join lateral (
       select id, min(rank) as rank from (
         select id, 0 as rank from remittance where duplicate_of is null and conflicts_with is null and uetr = w.uetr
         union all
         select id, 0 from remittance where conflicts_with is not null and uetr = w.uetr
         union all
         select id, 1 from remittance where end_to_end_id = w.e2e and currency = w.cur and amount = w.amt and coalesce(duplicate_of is null, false)
         union all
         select id, 2 from remittance where duplicate_of is null and fingerprint = w.fp
       ) k group by id) c
     join remittance r on r.id = c.id`,
);

export async function findIdentityCandidates(em: EntityManager, keys: ReadonlyArray<{ i: number; uetr: string | null; e2e: string | null; cur: string; amt: string; fp: string }>): Promise<IdentityCandidateRow[]> {
  return runPrepared<IdentityCandidateRow>(em, CANDIDATES, [JSON.stringify(keys)]);
}
