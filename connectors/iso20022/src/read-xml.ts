import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { XmlNode } from './xml-node';

export type ReadXmlResult = { ok: true; doc: XmlNode } | { ok: false; line: number | null; message: string };

/** Elements whose start line and raw text are kept (`span`): where a transaction is reported. */
const SPANNED = new Set(['Ntry', 'TxDtls']);

/**
 * Parses XML text in one streaming pass (saxes, a strict non-validating SAX parser that tracks
 * lines) into the element tree `xml-node.ts` reads. Nothing is coerced (research §0.7): text is
 * kept as written, attributes too. Namespace prefixes on element names are stripped
 * (`camt:Ntry` → `Ntry`); the document's namespace is read from the root's `xmlns*` attributes
 * instead. `Ntry` and `TxDtls` elements get their start line and raw text (`span`) in the same
 * pass. The returned `doc` is a nameless node whose child is the root element. Never throws.
 *
 * `onClose` is called when an `Ntry` or `TxDtls` element closes, with its ancestors (`doc`
 * first); when it returns true the element is taken out of the tree, so a caller that maps each
 * entry as it closes keeps only one entry's elements in memory, however large the document.
 */
export function readXml(xml: string, onClose?: (node: XmlNode, parents: readonly XmlNode[]) => boolean): ReadXmlResult {
  if (xml.trim() === '') return { ok: false, line: null, message: 'the input contains no XML element' };
  const doc = new XmlNode('');
  const stack: XmlNode[] = [doc];
  const starts: number[] = [];
  const parser = new SaxesParser<{ position: true; xmlns: false }>({ position: true, xmlns: false });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const colon = tag.name.lastIndexOf(':');
    const name = colon < 0 ? tag.name : tag.name.slice(colon + 1);
    const node = new XmlNode(name);
    node.attrs = tag.attributes;
    const parent = stack[stack.length - 1];
    parent.kids ??= new Map();
    const siblings = parent.kids.get(name);
    if (siblings === undefined) parent.kids.set(name, [node]);
    else siblings.push(node);
    stack.push(node);
    if (SPANNED.has(name)) {
      // The start tag ends at `position`; attribute values cannot hold `<`, so the last `<` starts it.
      const end = parser.position;
      const start = xml.lastIndexOf('<', end - 1);
      starts.push(start);
      node.span = { line: parser.line - lineBreaks(xml, start, end), raw: '' };
    }
  });
  parser.on('closetag', () => {
    const node = stack.pop();
    if (!node?.span) return;
    node.span.raw = xml.slice(starts.pop() ?? 0, parser.position);
    if (onClose?.(node, stack)) stack[stack.length - 1].kids?.get(node.name)?.pop();
  });
  const append = (text: string): void => {
    const node = stack[stack.length - 1];
    // Blank text before any other text of the element (the indentation before its first child)
    // is dropped: `ownText` trims it anyway, and it would cost a string per element.
    if (node !== doc && (node.text !== '' || !isBlank(text))) node.text += text;
  };
  parser.on('text', append);
  parser.on('cdata', append);
  try {
    parser.write(xml).close();
  } catch (error: unknown) {
    return { ok: false, ...describeSaxesError(error, parser.line, parser.column) };
  }
  return { ok: true, doc };
}

/** Only spaces, tabs and line breaks. */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return false;
  }
  return true;
}

/** Line breaks (LF, CRLF or a lone CR, as saxes counts them) in `text` from `from` to `to`. */
function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/**
 * saxes reports `line:column: message` (1-based line, 0-based column); we keep the message, the
 * line where the parser stopped and the column in words.
 */
export function describeSaxesError(error: unknown, line: number, column: number): { line: number | null; message: string } {
  const raw = error instanceof Error ? error.message : String(error);
  const headline = (raw.split('\n')[0] ?? raw).replace(/^\d+:\d+: /, '');
  return { line, message: `${headline} (column ${column + 1})` };
}
