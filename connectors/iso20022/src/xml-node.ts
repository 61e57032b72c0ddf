/**
 * The one typed accessor layer over xml2js output (read with `explicitArray: true`,
 * `explicitCharkey: true`): every child is an array, text sits under `_`, attributes under `$`,
 * an empty element is `''`. Nothing here coerces a value: text stays text, leading zeros stay.
 * Paths are `/`-separated local names, e.g. `NtryDtls/TxDtls`.
 */
export type XmlNode = Readonly<Record<string, unknown>>;

const EMPTY: XmlNode = Object.freeze({});

function isRecord(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own properties only: element names such as `__proto__` or `constructor` must not reach the prototype. */
function own(node: XmlNode, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
}

function asNode(value: unknown): XmlNode | undefined {
  if (isRecord(value)) return value;
  // An element without attributes or children arrives as a plain string ('' when empty).
  if (typeof value === 'string') return value === '' ? EMPTY : { _: value };
  return undefined;
}

/** All children of `node` named `name`, in document order. */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  if (!node || name === '_' || name === '$') return [];
  const value = own(node, name);
  const list: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map(asNode).filter((n): n is XmlNode => n !== undefined);
}

/** Every node reached by following `path` through all repetitions, in document order. */
export function all(node: XmlNode | undefined, path: string): XmlNode[] {
  return path.split('/').reduce<XmlNode[]>((nodes, name) => nodes.flatMap((n) => children(n, name)), node ? [node] : []);
}

/** The first node at `path`, or undefined. */
export function first(node: XmlNode | undefined, path: string): XmlNode | undefined {
  return all(node, path)[0];
}

/** True when at least one element exists at `path` (even if empty). */
export function has(node: XmlNode | undefined, path: string): boolean {
  return first(node, path) !== undefined;
}

/** The text of the node itself, trimmed at both ends; undefined when absent or blank. */
export function ownText(node: XmlNode | undefined): string | undefined {
  if (!node) return undefined;
  const value = own(node, '_');
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Trimmed text of the first element at `path` that has text. */
export function text(node: XmlNode | undefined, path: string): string | undefined {
  for (const n of all(node, path)) {
    const t = ownText(n);
    if (t !== undefined) return t;
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
  if (!node) return undefined;
  const attrs = own(node, '$');
  if (!isRecord(attrs)) return undefined;
  const value = own(attrs, name);
  return typeof value === 'string' ? value : undefined;
}

/** All attributes of a node, as strings. */
export function attributes(node: XmlNode | undefined): Array<[string, string]> {
  const attrs = node ? own(node, '$') : undefined;
  if (!isRecord(attrs)) return [];
  return Object.keys(attrs).flatMap((k) => {
    const v = own(attrs, k);
    return typeof v === 'string' ? [[k, v] as [string, string]] : [];
  });
}

/** Root element names of a parsed document (normally exactly one). */
export function rootNames(doc: XmlNode): string[] {
  return Object.keys(doc);
}
