import type { ParseIssue, ParseOutcome } from '@ereceipt/contracts';
import { recogniseDocument } from './camt-document';
import { entrySumIrregularity } from './entry-sum';
import { classify } from './entry-status';
import { MAX_INPUT_BYTES, refuseDoctype, tooLarge } from './input-guards';
import { camtIssue } from './issues';
import { LineIndex } from './line-index';
import { mapTransaction, transactionsOf } from './map-transaction';
import { readXml } from './read-xml';
import { scanElements, type ElementSpan } from './tag-scan';
import { all } from './xml-node';

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
    return await parseChecked(xml);
  } catch (error: unknown) {
    // Defensive only: a bug here must surface as data, not as a crashed consumer.
    const message = error instanceof Error ? error.message : String(error);
    return unusable(camtIssue('CAMT.INTERNAL_ERROR', `internal error while reading the document: ${message}`, null, { line: null, index: null }));
  }
}

async function parseChecked(xml: string): Promise<ParseOutcome> {
  // Characters, not bytes, here: the byte limit is enforced on the raw input by the connector.
  if (xml.length > MAX_INPUT_BYTES) return unusable(tooLarge(xml.length, 'characters'));
  const lines = new LineIndex(xml);
  const doctype = refuseDoctype(xml, lines);
  if (doctype) return unusable(doctype);

  const read = await readXml(xml);
  if (!read.ok) {
    return unusable(camtIssue('CAMT.MALFORMED_XML', `malformed XML: ${read.message}`, null, { line: read.line, index: null }));
  }
  const recognised = recogniseDocument(read.doc);
  if (!recognised.ok) return unusable(recognised.issue);
  const { source, version, reports } = recognised.doc;

  const spans = scanElements(xml, ['Ntry', 'TxDtls'], lines);
  const entrySpans = spans.get('Ntry') ?? [];
  const txSpans = spans.get('TxDtls') ?? [];
  const entries = reports.flatMap((report) => all(report, 'Ntry').map((entry) => ({ report, entry })));
  const txTotal = entries.reduce((n, e) => n + transactionsOf(e.entry).length, 0);
  // The text scan and the tree must agree; if not (a foreign element named TxDtls), say "line 1".
  const trustSpans = entrySpans.length === entries.length && txSpans.length === txTotal;
  const spanOf = (list: ElementSpan[], i: number): ElementSpan => (trustSpans ? list[i] : undefined) ?? { line: 1, raw: '' };

  const outcome: ParseOutcome = { remittances: [], issues: [], skipped: [], unusable: false };
  let index = 0;
  let txSeen = 0;
  entries.forEach(({ report, entry }, entryNo) => {
    const txs = transactionsOf(entry);
    const sumIrregularity = entrySumIrregularity(version, entry, txs);
    const units = txs.length ? txs.map((tx) => ({ tx, span: spanOf(txSpans, txSeen++) })) : [{ tx: undefined, span: spanOf(entrySpans, entryNo) }];
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
  });
  return outcome;
}
