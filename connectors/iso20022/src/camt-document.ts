import type { ParseIssue } from '@ereceipt/contracts';
import { camtIssue } from './issues';
import { attributes, children, first, rootNames, type XmlNode } from './xml-node';

export type CamtSource = 'camt054' | 'camt053';

/** A recognised document: its kind, its version (`.001.NN`) and the reports holding `Ntry`. */
export interface CamtDocument {
  source: CamtSource;
  namespace: string;
  version: number;
  /** `Ntfctn` (camt.054) or `Stmt` (camt.053) elements, in document order. */
  reports: readonly XmlNode[];
}

const CAMT_NS = /^urn:iso:std:iso:20022:tech:xsd:camt\.(05\d)\.001\.(\d{2})$/;

/**
 * Versions read with this code. .02, .04 and .08 are covered by fixtures; the others share their
 * shape (research §2.1 table: .03–.06 as .04, .07–.13 use `Sts/Cd`, `Dbtr/Pty`, `BICFI` like .08;
 * the readers accept both spellings). .01 predates the shape and is refused.
 */
export const SUPPORTED_VERSIONS: ReadonlySet<number> = new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);

const KINDS: Record<string, { source: CamtSource; body: string; report: string } | undefined> = {
  '054': { source: 'camt054', body: 'BkToCstmrDbtCdtNtfctn', report: 'Ntfctn' },
  '053': { source: 'camt053', body: 'BkToCstmrStmt', report: 'Stmt' },
};

export type CamtDocumentResult = { ok: true; doc: CamtDocument } | { ok: false; issue: ParseIssue };

/** True when the text carries a camt.05x namespace (used by `detect`). */
export function mentionsCamtNamespace(head: string): boolean {
  return /urn:iso:std:iso:20022:tech:xsd:camt\.05\d\.001\.\d{2}/.test(head);
}

/**
 * `Document` is the root, or a direct child of an envelope root (a business message carrying
 * `AppHdr` + `Document`, as CBPR+ transports do).
 */
function findDocument(parsed: XmlNode): XmlNode | undefined {
  for (const name of rootNames(parsed)) {
    const root = first(parsed, name);
    if (name === 'Document') return root;
    const inner = children(root, 'Document')[0];
    if (inner) return inner;
  }
  return undefined;
}

export function recogniseDocument(parsed: XmlNode): CamtDocumentResult {
  const whole = { line: 1, index: null };
  const document = findDocument(parsed);
  if (!document) {
    return { ok: false, issue: camtIssue('CAMT.NOT_CAMT', 'no ISO 20022 <Document> element at the root', null, whole) };
  }
  const namespaces = attributes(document)
    .filter(([name]) => name === 'xmlns' || name.startsWith('xmlns:'))
    .map(([, value]) => value.trim());
  const camt = namespaces.map((ns) => ({ ns, m: CAMT_NS.exec(ns) })).find((x) => x.m);
  if (!camt?.m) {
    const seen = namespaces.length ? namespaces.join(', ') : 'none';
    return { ok: false, issue: camtIssue('CAMT.NOT_CAMT', `not a camt document (namespace: ${seen})`, 'Document/@xmlns', whole) };
  }
  const kind = KINDS[camt.m[1] ?? ''];
  const version = Number(camt.m[2]);
  if (!kind || !SUPPORTED_VERSIONS.has(version)) {
    return {
      ok: false,
      issue: camtIssue('CAMT.UNSUPPORTED_VERSION', `unsupported camt version ${camt.ns} (camt.054/053 .001.02–.13 are read)`, 'Document/@xmlns', whole),
    };
  }
  const body = children(document, kind.body)[0];
  if (!body) {
    return {
      ok: false,
      issue: camtIssue('CAMT.NOT_CAMT', `namespace says ${kind.source} but <${kind.body}> is missing`, `Document/${kind.body}`, whole),
    };
  }
  return { ok: true, doc: { source: kind.source, namespace: camt.ns, version, reports: children(body, kind.report) } };
}
