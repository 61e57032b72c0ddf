import { issue, type ErpOrderIssue } from './erp-order-message';

/** An order message is small; this leaves room for a few thousand lines and refuses anything absurd. */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

export type Decoded = { ok: true; text: string } | { ok: false; issue: ErpOrderIssue };

/** Bytes to text: UTF-8 only (BOM allowed and dropped); invalid UTF-8 is refused, never replaced with U+FFFD. */
export function decodeInput(input: Uint8Array): Decoded {
  if (input.byteLength > MAX_INPUT_BYTES) {
    return { ok: false, issue: issue('ERP_ORDER.INPUT_TOO_LARGE', null, `the message is ${input.byteLength} bytes; the limit is ${MAX_INPUT_BYTES}`) };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input) };
  } catch {
    return { ok: false, issue: issue('ERP_ORDER.BAD_ENCODING', null, 'the message is not valid UTF-8 text') };
  }
}

export type Format = { ok: true; format: 'json' | 'xml' } | { ok: false; issue: ErpOrderIssue };

/**
 * The `content-type` header picks the form (docs/contract.md): absent or JSON means JSON, XML means XML
 * (`application/xml`, `text/xml`, or a `+xml` type); parameters such as `; charset=utf-8` are ignored.
 */
export function formatOf(contentType: string | null | undefined): Format {
  const media = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (media === '' || media === 'application/json' || media.endsWith('+json')) return { ok: true, format: 'json' };
  if (media === 'application/xml' || media === 'text/xml' || media.endsWith('+xml')) return { ok: true, format: 'xml' };
  return { ok: false, issue: issue('ERP_ORDER.UNSUPPORTED_CONTENT_TYPE', null, `content-type ${media} is not accepted; send application/json (default) or application/xml`) };
}
