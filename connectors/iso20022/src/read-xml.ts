import { Parser, processors } from 'xml2js';
import type { XmlNode } from './xml-node';

export type ReadXmlResult = { ok: true; doc: XmlNode } | { ok: false; line: number | null; message: string };

/**
 * Parses XML text into the shape `xml-node.ts` reads. Options chosen so nothing is coerced
 * (research §0.7): no value or attribute processors, no trimming, arrays everywhere, text under `_`.
 * Namespace prefixes on element names are stripped (`camt:Ntry` → `Ntry`); the document's namespace
 * is read from the root's `xmlns*` attributes instead. Never throws.
 */
export async function readXml(xml: string): Promise<ReadXmlResult> {
  const parser = new Parser({
    explicitArray: true,
    explicitCharkey: true,
    explicitRoot: true,
    strict: true,
    async: false,
    trim: false,
    normalize: false,
    tagNameProcessors: [processors.stripPrefix],
  });
  try {
    const doc: unknown = await parser.parseStringPromise(xml);
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      return { ok: false, line: null, message: 'the input contains no XML element' };
    }
    return { ok: true, doc: doc as XmlNode };
  } catch (error: unknown) {
    return { ok: false, ...describeSaxError(error) };
  }
}

/**
 * sax reports `message\nLine: n\nColumn: c\nChar: x` with a 0-based line; we return it 1-based.
 */
export function describeSaxError(error: unknown): { line: number | null; message: string } {
  const raw = error instanceof Error ? error.message : String(error);
  const match = /\nLine: (\d+)\nColumn: (\d+)/.exec(raw);
  const headline = raw.split('\n')[0] ?? raw;
  if (!match) return { line: null, message: headline };
  return { line: Number(match[1]) + 1, message: `${headline} (column ${match[2]})` };
}
