/**
 * The one typed accessor layer over the element tree that `read-xml.ts` builds: each element has
 * its children by local name (in document order), its attributes as written and its own text
 * (text and CDATA directly inside it, concatenated). Nothing here coerces a value: text stays
 * text, leading zeros stay. Paths are `/`-separated local names, e.g. `NtryDtls/TxDtls`.
 */
export interface ElementSpan {
  /** 1-based line where the element's start tag begins. */
  line: number;
  /** The element as received, from `<Tag` to its `</Tag>` (or `/>`). */
  raw: string;
}

export class XmlNode {
  /** Text and CDATA directly inside the element, as written (not trimmed). */
  text = '';
  /** Attributes by name as written (`xmlns:camt`, `Ccy`); null when there are none. */
  attrs: Readonly<Record<string, string>> | null = null;
  /** Child elements by local name (namespace prefix stripped), each list in document order; null for a leaf. */
  kids: Map<string, XmlNode[]> | null = null;
  /** Where the element stands in the input: kept for `Ntry` and `TxDtls` only. */
  span: ElementSpan | null = null;

  constructor(readonly name: string) {}
}

const NONE: readonly XmlNode[] = Object.freeze([]);

/** All children of `node` named `name`, in document order (do not modify the list). */
export function children(node: XmlNode | undefined, name: string): readonly XmlNode[] {
  return node?.kids?.get(name) ?? NONE;
}

/** Path steps, split once per distinct path (the readers use a few dozen fixed paths). */
const steps = new Map<string, readonly string[]>();
function stepsOf(path: string): readonly string[] {
  let s = steps.get(path);
  if (!s) {
    s = path.split('/');
    if (steps.size < 1000) steps.set(path, s);
  }
  return s;
}

/** Every node reached by following `path` through all repetitions, in document order. */
export function all(node: XmlNode | undefined, path: string): XmlNode[] {
  const names = stepsOf(path);
  if (!node) return [];
  let nodes: readonly XmlNode[] = [node];
  for (const name of names) {
    if (nodes.length === 1) {
      nodes = children(nodes[0], name);
      continue;
    }
    const next: XmlNode[] = [];
    // No push(...spread): a batch entry may hold more TxDtls than a call's argument limit.
    for (const n of nodes) for (const c of children(n, name)) next.push(c);
    nodes = next;
  }
  return nodes.slice();
}

/** The first node at `path` (depth-first, document order), or undefined. */
export function first(node: XmlNode | undefined, path: string): XmlNode | undefined {
  return firstFrom(node, stepsOf(path), 0);
}

function firstFrom(node: XmlNode | undefined, names: readonly string[], depth: number): XmlNode | undefined {
  if (!node || depth === names.length) return node;
  const list = node.kids?.get(names[depth] ?? '');
  if (list === undefined) return undefined;
  for (const item of list) {
    const found = firstFrom(item, names, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** True when at least one element exists at `path` (even if empty). */
export function has(node: XmlNode | undefined, path: string): boolean {
  return first(node, path) !== undefined;
}

/** The text of the node itself, trimmed at both ends; undefined when absent or blank. */
export function ownText(node: XmlNode | undefined): string | undefined {
  if (!node || node.text === '') return undefined;
  const trimmed = node.text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Trimmed text of the first element at `path` that has text. */
export function text(node: XmlNode | undefined, path: string): string | undefined {
  return textFrom(node, stepsOf(path), 0);
}

function textFrom(node: XmlNode | undefined, names: readonly string[], depth: number): string | undefined {
  if (!node) return undefined;
  if (depth === names.length) return ownText(node);
  const list = node.kids?.get(names[depth] ?? '');
  if (list === undefined) return undefined;
  for (const item of list) {
    const found = textFrom(item, names, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Trimmed texts of every element at `path` that has text. */
export function texts(node: XmlNode | undefined, path: string): string[] {
  return all(node, path)
    .map(ownText)
    .filter((t): t is string => t !== undefined);
}

/** An attribute value as written (not trimmed, not converted). */
export function attribute(node: XmlNode | undefined, name: string): string | undefined {
  const attrs = node?.attrs;
  return attrs && Object.prototype.hasOwnProperty.call(attrs, name) ? attrs[name] : undefined;
}

/** All attributes of a node, as strings. */
export function attributes(node: XmlNode | undefined): Array<[string, string]> {
  return node?.attrs ? Object.entries(node.attrs) : [];
}

/** Root element names of a parsed document (normally exactly one). */
export function rootNames(doc: XmlNode): string[] {
  return doc.kids ? [...doc.kids.keys()] : [];
}
