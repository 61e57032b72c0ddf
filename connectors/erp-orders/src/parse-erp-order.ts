import { decodeInput, formatOf } from './decode-input';
import { issue, type ErpOrderParseResult } from './erp-order-message';
import { readErpXml } from './read-erp-xml';
import { validateMessage } from './validate-message';

/**
 * An `erp.orders` message (bytes and its `content-type` header) to a typed message, or precise
 * issues naming the field (`order.lines[1].unitPrice`, `version`). JSON is the default; XML when the
 * content type says so, with the same names as elements under `<erpOrder>`. Never throws.
 */
export async function parseErpOrder(bytes: Uint8Array, contentType?: string | null): Promise<ErpOrderParseResult> {
  const format = formatOf(contentType);
  if (!format.ok) return { ok: false, issues: [format.issue] };
  const decoded = decodeInput(bytes);
  if (!decoded.ok) return { ok: false, issues: [decoded.issue] };
  let input: unknown;
  if (format.format === 'xml') {
    const read = await readErpXml(decoded.text);
    if (!read.ok) return read;
    input = read.value;
  } else {
    try {
      input = JSON.parse(decoded.text);
    } catch (error: unknown) {
      return { ok: false, issues: [issue('ERP_ORDER.MALFORMED_JSON', null, `malformed JSON: ${error instanceof Error ? error.message : String(error)}`)] };
    }
  }
  const validated = validateMessage(input);
  return validated.ok ? { ok: true, value: validated.value, format: format.format } : validated;
}

/** `field: message [CODE]` for logs and DLQ headers; the field is omitted for whole-input problems. */
export function describeErpIssue(i: { code: string; field: string | null; message: string; line: number | null }): string {
  const where = i.field ? `${i.field}: ` : i.line ? `line ${i.line}: ` : '';
  return `${where}${i.message} [${i.code}]`;
}
