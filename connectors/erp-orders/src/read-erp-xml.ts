import { Parser, processors } from 'xml2js';
import { issue, type ErpOrderIssue } from './erp-order-message';

/**
 * How each element of `<erpOrder>` becomes the JSON form's value. XML has no types, so the names
 * decide: numbers and booleans come as text and are converted here only when they are well written
 * (otherwise the text is kept, and the message schema names the field); amounts stay text.
 */
type Leaf = 'text' | 'optionalText' | 'integer' | 'boolean';
interface ObjectShape {
  kind: 'object';
  fields: Record<string, Shape>;
}
/** A repeated element: `<lines><line/>...</lines>`, or the `<line>` elements directly in the parent. */
interface ListShape {
  kind: 'list';
  item: string;
  of: Shape;
}
type Shape = Leaf | ObjectShape | ListShape;

const object = (fields: Record<string, Shape>): ObjectShape => ({ kind: 'object', fields });

const messageShape = object({
  sellerId: 'text',
  externalOrderId: 'text',
  version: 'text',
  action: 'text',
  submit: 'boolean',
  reason: 'text',
  order: object({
    buyer: object({ name: 'text', email: 'text', country: 'text' }),
    currency: 'text',
    lines: { kind: 'list', item: 'line', of: object({ name: 'text', sku: 'optionalText', hsCode: 'optionalText', quantity: 'integer', unit: 'text', unitPrice: 'text' }) },
    milestones: { kind: 'list', item: 'milestone', of: object({ kind: 'text', amount: 'text', dueDate: 'text', preShipment: 'boolean' }) },
    incoterm: 'text',
    expectedShipDate: 'text',
    exportMethod: 'text',
  }),
});

/** xml2js with `explicitArray`: every child element is a list; a text-only element is its (trimmed) text. */
type XmlValue = string | XmlElement;
interface XmlElement {
  [name: string]: XmlValue[] | string | undefined;
  _?: string;
}

export type ReadXml = { ok: true; value: Record<string, unknown> } | { ok: false; issues: ErpOrderIssue[] };

/** `<erpOrder>` text to the JSON form of the message (unknown elements ignored, attributes ignored). Never throws. */
export async function readErpXml(xml: string): Promise<ReadXml> {
  const doctype = /<!(DOCTYPE|ENTITY)/i.exec(xml);
  // No DTDs at all (XXE / billion laughs): an ERP order has no reason to carry one.
  if (doctype) return { ok: false, issues: [issue('ERP_ORDER.DOCTYPE_FORBIDDEN', null, `<!${doctype[1].toUpperCase()}> declarations are not accepted`, lineAt(xml, doctype.index))] };
  const parser = new Parser({ explicitArray: true, explicitRoot: true, ignoreAttrs: true, trim: true, normalize: false, strict: true, async: false, tagNameProcessors: [processors.stripPrefix] });
  let doc: unknown;
  try {
    doc = await parser.parseStringPromise(xml);
  } catch (error: unknown) {
    const { line, message } = describeSaxError(error);
    return { ok: false, issues: [issue('ERP_ORDER.MALFORMED_XML', null, `malformed XML: ${message}`, line)] };
  }
  if (typeof doc !== 'object' || doc === null) return { ok: false, issues: [issue('ERP_ORDER.MALFORMED_XML', null, 'the message contains no XML element')] };
  const [rootName] = Object.keys(doc);
  if (rootName !== 'erpOrder') return { ok: false, issues: [issue('ERP_ORDER.WRONG_ROOT', null, `the root element must be <erpOrder>, not <${rootName}>`)] };
  const root = (doc as Record<string, unknown>)[rootName];
  const issues: ErpOrderIssue[] = [];
  const value = typeof root === 'object' && root !== null ? convertObject(root as XmlElement, messageShape, [], issues) : {};
  return issues.length ? { ok: false, issues } : { ok: true, value };
}

function convertObject(node: XmlElement, shape: ObjectShape, path: string[], issues: ErpOrderIssue[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, fieldShape] of Object.entries(shape.fields)) {
    const here = [...path, name];
    if (typeof fieldShape === 'object' && fieldShape.kind === 'list') {
      const items = listItems(node, name, fieldShape.item, here, issues);
      if (items) out[name] = items.map((el, i) => convertValue(el, fieldShape.of, [...here, `${i}`], issues));
      continue;
    }
    const found = single(node, name, here, issues);
    if (found !== undefined) out[name] = convertValue(found, fieldShape, here, issues);
  }
  return out;
}

function listItems(node: XmlElement, name: string, item: string, path: string[], issues: ErpOrderIssue[]): XmlValue[] | undefined {
  const wrapper = single(node, name, path, issues);
  if (wrapper !== undefined) return typeof wrapper === 'object' ? elements(wrapper, item) ?? [] : [];
  return elements(node, item);
}

function elements(node: XmlElement, name: string): XmlValue[] | undefined {
  const v = node[name];
  return Array.isArray(v) ? v : undefined;
}

function single(node: XmlElement, name: string, path: string[], issues: ErpOrderIssue[]): XmlValue | undefined {
  const found = elements(node, name);
  if (!found) return undefined;
  if (found.length > 1) issues.push(issue('ERP_ORDER.REPEATED_ELEMENT', dotted(path), `<${name}> must appear once here, found ${found.length}`));
  return found[0];
}

function convertValue(el: XmlValue, shape: Shape, path: string[], issues: ErpOrderIssue[]): unknown {
  if (typeof shape === 'object') {
    if (shape.kind === 'object') return typeof el === 'object' ? convertObject(el, shape, path, issues) : el;
    return el; // a list directly inside a list does not occur in the message
  }
  const text = typeof el === 'string' ? el : typeof el._ === 'string' ? el._ : undefined;
  if (text === undefined) return el; // an element with children where text belongs: the schema says "must be a string"
  switch (shape) {
    case 'text':
      return text;
    case 'optionalText':
      return text === '' ? null : text;
    case 'integer':
      return /^\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
    case 'boolean':
      // xs:boolean lexical forms.
      if (text === 'true' || text === '1') return true;
      if (text === 'false' || text === '0') return false;
      return text;
  }
}

/** `order.lines[1].unitPrice` from the XML path (list indexes are kept as digit strings until here). */
function dotted(path: string[]): string {
  return path.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** sax reports `message\nLine: n\nColumn: c\nChar: x` with a 0-based line; we return it 1-based. */
function describeSaxError(error: unknown): { line: number | null; message: string } {
  const raw = error instanceof Error ? error.message : String(error);
  const match = /\nLine: (\d+)\nColumn: (\d+)/.exec(raw);
  const headline = raw.split('\n')[0] ?? raw;
  if (!match) return { line: null, message: headline };
  return { line: Number(match[1]) + 1, message: `${headline} (column ${match[2]})` };
}
