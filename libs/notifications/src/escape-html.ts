const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML element content and quoted attribute values. Every interpolated value in
 * a mail goes through this; `escape-html` is only a transitive dependency (of express) without
 * types, so we do not import it.
 */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => entities[c]);
}

/**
 * Tagged template for HTML: every `${value}` is escaped unless it is already `SafeHtml`
 * (the output of another `html` template), so escaping cannot be forgotten.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type HtmlValue = string | number | SafeHtml | ReadonlyArray<string | number | SafeHtml>;

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  const part = (v: HtmlValue): string => (v instanceof SafeHtml ? v.value : Array.isArray(v) ? v.map(part).join('') : escapeHtml(v as string | number));
  return new SafeHtml(strings.reduce((out, s, i) => out + s + (i < values.length ? part(values[i]) : ''), ''));
}
