import { html, renderSignedErrorPage, renderSignedPage, type SafeHtml } from '@ereceipt/notifications';
import { COMMENT_MAX_CHARS, dimensionLabels, dimensions, type InputIssue } from '../evaluation-input.rules';
import type { BuyerEvaluationViewDto } from '../evaluation.dto';

/**
 * The buyer's evaluation page as plain HTML: no JavaScript (radio buttons for the stars, a plain
 * form post), no external assets, readable on a phone. Every value, the buyer's own comment and
 * the seller's reply included, goes through the escaping `html` template. Pure: a view in, a page out.
 */
/** The evaluation page's own rules, on top of the shared signed-page stylesheet. */
const PAGE_CSS = `
main{max-width:720px}header{display:block}
fieldset{border:0;margin:0 0 16px;padding:0}legend{font-weight:600;margin-bottom:6px}
.stars{display:flex;flex-wrap:wrap;gap:8px}.stars label{display:flex;align-items:center;gap:6px;border:1px solid var(--line);border-radius:8px;padding:8px 12px;cursor:pointer}
.stars input{width:20px;height:20px;margin:0}.stars label:has(input:checked){border-color:var(--accent);background:#eef3ff}
.glyph{color:var(--star);letter-spacing:1px}
textarea{width:100%;min-height:120px;font:inherit;padding:10px;border:1px solid var(--line);border-radius:8px}
.text{white-space:pre-wrap;word-break:break-word;margin:8px 0 0}
`;

const glyphs = (n: number) => html`<span class="glyph" aria-hidden="true">${'★'.repeat(n)}${'☆'.repeat(5 - n)}</span>`;
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const words = ['', 'poor', 'fair', 'good', 'very good', 'excellent'];

export interface EvaluationPageOptions {
  /** The form posts here; the token goes in a hidden field. */
  action: string;
  token: string;
  /** Right after the buyer's form post (303 back here). */
  justSubmitted?: boolean;
  /** A form post the server refused (400): the problems, and what the buyer had chosen. */
  issues?: InputIssue[];
  values?: Record<string, unknown>;
}

function form(v: BuyerEvaluationViewDto, o: EvaluationPageOptions): SafeHtml {
  const chosen = (field: string) => {
    const v = o.values?.[field];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  };
  const comment = typeof o.values?.comment === 'string' ? o.values.comment : '';
  return html`<section class="card" aria-labelledby="rate-h">
<h2 id="rate-h">Your evaluation</h2>
<form method="post" action="${o.action}">
<input type="hidden" name="t" value="${o.token}">
${dimensions.map(
  (d) => html`<fieldset><legend>${dimensionLabels[d]}</legend><div class="stars">
${[1, 2, 3, 4, 5].map((n) => html`<label><input type="radio" name="${d}" value="${n}"${chosen(d) === String(n) ? html` checked` : ''}${n === 1 ? html` required` : ''}> ${glyphs(n)} <span>${n} – ${words[n]}</span></label>`)}
</div></fieldset>
`,
)}<p><label for="comment"><strong>Comment</strong> <span class="muted">(optional, up to ${COMMENT_MAX_CHARS} characters)</span></label><br>
<textarea id="comment" name="comment" maxlength="${COMMENT_MAX_CHARS}">${comment}</textarea></p>
<button type="submit">Send my evaluation</button>
</form>
<p class="muted">${v.sellerName} will see your evaluation and may reply once. Your name and e-mail address are not shown with it.</p>
</section>`;
}

function given(v: BuyerEvaluationViewDto): SafeHtml {
  const e = v.evaluation;
  if (!e) return html``;
  return html`<section class="card" aria-labelledby="given-h">
<h2 id="given-h">Your evaluation of ${when(e.submittedAt)}</h2>
<dl>${dimensions.map((d) => html`<dt>${dimensionLabels[d]}</dt><dd>${glyphs(e.ratings[d])} ${e.ratings[d]} of 5</dd>`)}<dt>Overall</dt><dd>${e.overall} of 5</dd></dl>
${e.comment === null ? '' : html`<p class="text">${e.comment}</p>`}
${e.reply ? html`<h2 style="margin-top:16px">Reply from ${v.sellerName}, ${when(e.reply.repliedAt)}</h2><p class="text">${e.reply.text}</p>` : ''}
</section>`;
}

export function renderEvaluationPage(v: BuyerEvaluationViewDto, o: EvaluationPageOptions): string {
  const notice = o.justSubmitted
    ? html`<section class="card notice" role="status"><strong>Thank you.</strong> Your evaluation of order ${v.orderNo} was recorded. ${v.sellerName} can read it and may reply.</section>`
    : o.issues?.length
      ? html`<section class="card notice warn" role="alert"><strong>Please check your evaluation.</strong><ul>${o.issues.map((i) => html`<li>${i.field in dimensionLabels ? dimensionLabels[i.field as keyof typeof dimensionLabels] : i.field}: ${i.message}</li>`)}</ul></section>`
      : !v.canEvaluate && !v.evaluation && v.reason
        ? html`<section class="card notice warn" role="status"><strong>This order cannot be evaluated now.</strong> <span>${v.reason}.</span></section>`
        : '';
  const window = v.window ? html` Completed on ${v.window.opensOn}; evaluations are accepted until the end of ${v.window.closesOn} (UTC).` : '';
  const body = html`<header><p class="muted" style="margin:0">Order from ${v.sellerName}</p><h1>Evaluate order ${v.orderNo}</h1></header>
${notice}
${v.canEvaluate ? form(v, o) : given(v)}
<footer>This page was opened with a personal link for ${v.buyerName}; it works until ${when(v.linkExpiresAt)}. Do not forward it.${window}</footer>`;
  return renderSignedPage(`Evaluate order ${v.orderNo}`, body, PAGE_CSS);
}

/** A readable page for a link or a request that does not work (401/403/404/409), with what to do next. */
export function renderEvaluationErrorPage(statusCode: number, message: string): string {
  return renderSignedErrorPage(statusCode, message, 'evaluation invitation', 'This order cannot be evaluated');
}
