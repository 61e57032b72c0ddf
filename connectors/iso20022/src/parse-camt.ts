import type { ParseIssue, ParseOutcome } from '@ereceipt/contracts';
import { recogniseDocument, type CamtDocument } from './camt-document';
import { entrySumIrregularity } from './entry-sum';
import { classify } from './entry-status';
import { MAX_INPUT_BYTES, refuseDoctype, tooLarge } from './input-guards';
import { camtIssue } from './issues';
import { mapTransaction, transactionsOf } from './map-transaction';
import { readXml } from './read-xml';
import { all, type ElementSpan, type XmlNode } from './xml-node';

function unusable(issue: ParseIssue): ParseOutcome {
  return { remittances: [], issues: [issue], skipped: [], unusable: true };
}

/**
 * camt.054 / camt.053 text to canonical remittances: one per `TxDtls` (an `Ntry` without
 * `TxDtls` is one), credits only. Never throws: bad input becomes issues, or `unusable`.
 *
 * `index` is the 0-based position of the transaction among all transactions of the document;
 * `line` is the 1-based line where its `<TxDtls>` (or, without one, its `<Ntry>`) starts.
 */
export async function parseCamt(xml: string): Promise<ParseOutcome> {
  try {
    return await Promise.resolve(parseChecked(xml));
  } catch (error: unknown) {
    // Defensive only: a bug here must surface as data, not as a crashed consumer.
    const message = error instanceof Error ? error.message : String(error);
    return unusable(camtIssue('CAMT.INTERNAL_ERROR', `internal error while reading the document: ${message}`, null, { line: null, index: null }));
  }
}

function parseChecked(xml: string): ParseOutcome {
  // Characters, not bytes, here: the byte limit is enforced on the raw input by the connector.
  if (xml.length > MAX_INPUT_BYTES) return unusable(tooLarge(xml.length, 'characters'));
  const doctype = refuseDoctype(xml);
  if (doctype) return unusable(doctype);

  // One streaming pass: each Ntry is mapped when it closes (its start line and raw text, and its
  // TxDtls', come with it) and then dropped, so only one entry's elements are held at a time.
  // The report-level elements a transaction reads (Acct, CpyDplctInd) precede Ntry in the schema.
  const outcome: ParseOutcome = { remittances: [], issues: [], skipped: [], unusable: false };
  let recognised: CamtDocument | null = null;
  let index = 0;
  const read = readXml(xml, (node, parents) => {
    if (node.name !== 'Ntry') return false;
    if (recognised === null) {
      const r = recogniseDocument(parents[0]);
      if (!r.ok) return false;
      recognised = r.doc;
    }
    const report = parents[parents.length - 1];
    if (!recognised.reports.includes(report)) return false;
    index = mapEntry(recognised, report, node, outcome, index);
    return true;
  });
  if (!read.ok) {
    return unusable(camtIssue('CAMT.MALFORMED_XML', `malformed XML: ${read.message}`, null, { line: read.line, index: null }));
  }
  const final = recogniseDocument(read.doc);
  if (!final.ok) return unusable(final.issue);
  // Entries still in the tree were not recognised while streaming (none in a well-formed camt).
  for (const report of final.doc.reports) for (const entry of all(report, 'Ntry')) index = mapEntry(final.doc, report, entry, outcome, index);
  return outcome;
}

const spanOf = (node: XmlNode): ElementSpan => node.span ?? { line: 1, raw: '' };

/** Maps one entry's transactions (a `TxDtls` each, or the entry itself); returns the next index. */
function mapEntry(doc: CamtDocument, report: XmlNode, entry: XmlNode, outcome: ParseOutcome, first: number): number {
  const { source, version } = doc;
  let index = first;
  const txs = transactionsOf(entry);
  const sumIrregularity = entrySumIrregularity(version, entry, txs);
  const units = txs.length ? txs.map((tx) => ({ tx, span: spanOf(tx) })) : [{ tx: undefined, span: spanOf(entry) }];
  for (const { tx, span } of units) {
    const at = { line: span.line, index };
    const kind = classify(entry, tx);
    if (kind.kind === 'skip') outcome.skipped.push({ reason: kind.reason, ...at });
    else if (kind.kind === 'invalid') outcome.issues.push(camtIssue(kind.code, kind.message, kind.field, at));
    else {
      const mapped = mapTransaction({ source, version, report, entry, tx, txCount: txs.length, at, entryIrregularities: sumIrregularity ? [sumIrregularity] : [] });
      if (mapped.ok) outcome.remittances.push({ remittance: mapped.remittance, location: { ...at, raw: span.raw } });
      else outcome.issues.push(...mapped.issues);
    }
    index++;
  }
  return index;
}
