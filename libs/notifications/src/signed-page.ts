import { html, SafeHtml } from './escape-html';

/**
 * The look of every page a buyer opens from a signed link (order, evaluation): plain HTML, no
 * JavaScript, no external assets, readable on a phone and a laptop. Pure: content in, page out.
 */
const BASE_STYLE = `
:root{color-scheme:light;--ink:#1d2430;--muted:#5b6473;--line:#d9dee7;--accent:#0b5fff;--ok:#0a7a3d;--warn:#a15c00;--bg:#f6f7fa;--star:#e0a100}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:860px;margin:0 auto;padding:24px 16px 48px}
header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:8px;margin-bottom:16px}
h1{font-size:1.5rem;margin:0}h2{font-size:1.1rem;margin:0 0 12px}
.muted{color:var(--muted)}.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:20px;margin-bottom:16px}
.notice{border-left:4px solid var(--ok);background:#eef9f2}.notice.warn{border-left-color:var(--warn);background:#fff7ea}
dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px;margin:0}dt{color:var(--muted)}dd{margin:0;font-weight:600;word-break:break-word}
button{font:inherit;font-weight:600;background:var(--accent);color:#fff;border:0;border-radius:8px;padding:12px 20px;cursor:pointer}
button:focus-visible,input:focus-visible,textarea:focus-visible{outline:3px solid #9bbcff;outline-offset:2px}
footer{font-size:.85rem;color:var(--muted);margin-top:24px}
@media (max-width:560px){dl{grid-template-columns:1fr}dt{margin-top:6px}}
`;

/** A whole page: the shared layout and stylesheet, plus the page's own rules (`css`, constant, ours). */
export function renderSignedPage(title: string, body: SafeHtml, css = ''): string {
  // Our own constant stylesheets, inserted as they are (escaping would break their quotes).
  const style = new SafeHtml(BASE_STYLE + css);
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title><style>${style}</style></head>
<body><main>${body}</main></body></html>
`.value;
}

/**
 * A readable page for a link that does not work (401/403/404/409) or a client over its rate limit (429), with what to do next.
 * `whatToOpen` names the mail whose link the buyer should use ("payment reminder").
 */
export function renderSignedErrorPage(statusCode: number, message: string, whatToOpen: string, conflictTitle = 'This cannot be done now'): string {
  const title = statusCode === 401 ? 'This link does not work' : statusCode === 403 ? 'This link is for something else' : statusCode === 404 ? 'Order not found' : statusCode === 409 ? conflictTitle : statusCode === 429 ? 'Too many requests' : 'Something is wrong with this request';
  const hint = statusCode === 401 || statusCode === 403 ? `Open the latest ${whatToOpen} e-mail and use its link, or ask the seller to send a new one.` : statusCode === 429 ? 'Wait a little, then open the link again.' : 'Ask the seller who sent you the link.';
  return renderSignedPage(title, html`<section class="card notice warn"><h1>${title}</h1><p>${message}.</p><p>${hint}</p></section>`);
}
