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
  if (value === undefined) return [];
  const list: unknown[] = Array.isArray(value) ? value : [value];
  const out: XmlNode[] = [];
  for (const item of list) {
    const n = asNode(item);
    if (n) out.push(n);
  }
  return out;
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
  let nodes: XmlNode[] = node ? [node] : [];
  for (const name of stepsOf(path)) {
    const next: XmlNode[] = [];
    // No push(...spread): a batch entry may hold more TxDtls than a call's argument limit.
    for (const n of nodes) for (const c of children(n, name)) next.push(c);
    nodes = next;
  }
  return nodes;
}

/** The first node at `path` (depth-first, document order), or undefined. */
export function first(node: XmlNode | undefined, path: string): XmlNode | undefined {
  return firstFrom(node, stepsOf(path), 0);
}

function firstFrom(node: XmlNode | undefined, names: readonly string[], depth: number): XmlNode | undefined {
  if (!node || depth === names.length) return node;
  const name = names[depth] ?? '';
  if (name === '_' || name === '$') return undefined;
  const value = own(node, name);
  const list: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  for (const item of list) {
    const found = firstFrom(asNode(item), names, depth + 1);
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
