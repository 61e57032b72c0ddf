import { html, SafeHtml } from '@ereceipt/notifications';

const STYLE = `
:root{color-scheme:light;--ink:#1d2430;--muted:#5b6473;--line:#d9dee7;--accent:#0b5fff;--ok:#0a7a3d;--warn:#a15c00;--bad:#b42318;--bg:#f6f7fa}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header.top{background:#14213d;color:#fff;padding:10px 20px;display:flex;gap:20px;align-items:center;flex-wrap:wrap}
header.top a{color:#dbe4ff;text-decoration:none;font-weight:600}header.top a[aria-current]{color:#fff;border-bottom:2px solid #fff}
header.top .brand{font-weight:700;margin-right:12px}header.top form{margin-left:auto}
main{max-width:1280px;margin:0 auto;padding:20px}
h1{font-size:1.4rem;margin:0 0 14px}h2{font-size:1.05rem;margin:0 0 10px}
.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:16px;margin-bottom:16px;overflow-x:auto}
.grid{display:grid;gap:16px}.cols-4{grid-template-columns:repeat(auto-fit,minmax(180px,1fr))}.cols-3{grid-template-columns:2fr 1fr 1fr}
@media (max-width:1000px){.cols-3{grid-template-columns:1fr}}
.kpi{font-size:1.8rem;font-weight:700;font-variant-numeric:tabular-nums}.muted{color:var(--muted)}
table{width:100%;border-collapse:collapse;font-size:.92rem}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.8rem;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.02em}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem}
.badge{display:inline-block;border-radius:999px;padding:1px 9px;font-size:.8rem;font-weight:600;background:#e8eefc;color:#1c3d8f}
.badge.ok{background:#e3f5ea;color:var(--ok)}.badge.warn{background:#fdf0dc;color:var(--warn)}.badge.bad{background:#fde7e7;color:var(--bad)}.badge.off{background:#eceef2;color:var(--muted)}
form.inline{display:inline}form.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:end}
label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted);gap:3px}
input,select{font:inherit;padding:6px 8px;border:1px solid var(--line);border-radius:6px;background:#fff;color:var(--ink)}
button{font:inherit;font-weight:600;background:var(--accent);color:#fff;border:0;border-radius:6px;padding:7px 14px;cursor:pointer}
button.secondary{background:#fff;color:var(--accent);border:1px solid var(--accent)}button.danger{background:var(--bad)}
button:focus-visible,a:focus-visible,input:focus-visible{outline:3px solid #9bbcff;outline-offset:2px}
.notice{border-left:4px solid var(--ok);background:#eef9f2}.notice.error{border-left-color:var(--bad);background:#fdf1f0}
figure.chart{margin:0}figure.chart figcaption{font-weight:600;margin-bottom:6px}figure.chart svg{width:100%;height:auto;display:block}
figure.ring svg{max-width:160px;margin:0 auto}.ringtext{font-size:14px;font-weight:700;fill:var(--ink)}
.grid line.grid,svg line.grid{stroke:#e6e9ef}.tick{font-size:10px;fill:var(--muted)}
.legend{display:flex;gap:14px;font-size:.85rem;margin:6px 0 0}.legend i{display:inline-block;width:10px;height:10px;margin-right:5px;border-radius:2px}
.scroll{overflow-x:auto;max-width:100%}.scroll table{min-width:640px}.nowrap{white-space:nowrap}
.tiles{display:grid;gap:12px;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));margin-bottom:12px}
a.tile{display:flex;flex-direction:column;gap:2px;text-decoration:none;color:var(--ink);margin:0}a.tile:hover{border-color:var(--accent)}a.tile.total{background:#14213d;color:#fff}a.tile.total .muted{color:#c9d3ea}
.sum{font-size:.95rem}.sum.bad{border-left:4px solid var(--bad)}.sum.ok{border-left:4px solid var(--ok)}
.grid>*{min-width:0}.pager{display:flex;gap:18px;margin:10px 0}
fieldset.bulk{border:1px solid var(--line);border-radius:8px;display:flex;flex-wrap:wrap;gap:10px;align-items:end;margin-top:10px}fieldset.bulk legend{font-size:.85rem;color:var(--muted)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}th a{color:inherit}
@media (max-width:640px){main{padding:10px}header.top{padding:8px 10px;gap:10px}header.top form{margin-left:0}.kpi{font-size:1.4rem}form.filters label{flex:1 1 140px}}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}dt{color:var(--muted)}dd{margin:0;word-break:break-word}
.signals{font-size:.85rem;margin:0;padding-left:16px}
`;
const CSS = new SafeHtml(STYLE);

export type ConsoleNav = 'dashboard' | 'queue' | 'approvals' | 'balances' | null;

export interface LayoutContext {
  csrf: string;
  user: string;
}

/** The console page shell: top navigation with the signed-in user and a log-out form. */
export function layout(title: string, nav: ConsoleNav, ctx: LayoutContext | null, body: SafeHtml): string {
  const link = (href: string, key: ConsoleNav, text: string) => (key === nav ? html`<a href="${href}" aria-current="page">${text}</a>` : html`<a href="${href}">${text}</a>`);
  const top = ctx
    ? html`<header class="top"><span class="brand">e-receipt finance</span>${link('/console', 'dashboard', 'Dashboard')}${link('/console/queue', 'queue', 'Exception queue')}${link('/console/approvals', 'approvals', 'Approvals')}${link('/console/balances', 'balances', 'Ledger balances')}
<form method="post" action="/console/logout" class="inline"><input type="hidden" name="csrf" value="${ctx.csrf}"><span class="muted" style="color:#c9d3ea;margin-right:10px">${ctx.user}</span><button class="secondary" type="submit">Log out</button></form></header>`
    : html`<header class="top"><span class="brand">e-receipt finance</span></header>`;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${title} · e-receipt finance</title><style>${CSS}</style></head>
<body>${top}<main>${body}</main></body></html>
`.value;
}

export const statusTone: Record<string, string> = {
  ASSOCIATED: 'ok', APPROVED: 'ok', UNDER_REVIEW: 'warn', PROPOSED: 'warn', PENDING_ASSOCIATION: 'warn', FOLLOW_UP: 'bad', REJECTED: 'bad', UNBOUND: 'off', RETURNED: 'off', DUPLICATE: 'off', IDENTITY_CONFLICT: 'bad',
};

export const badge = (status: string) => html`<span class="badge ${statusTone[status] ?? ''}">${status}</span>`;
