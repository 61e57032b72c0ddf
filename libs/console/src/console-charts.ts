import { html, type SafeHtml } from '@ereceipt/notifications';

/**
 * Server-rendered SVG charts: no JavaScript library, readable without scripts, scaled by viewBox
 * so they fit a laptop screen. Every label goes through the escaping `html` template.
 */
export interface BarSeries {
  label: string;
  colour: string;
  values: number[];
}

const nice = (max: number) => {
  if (max <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / p) * p;
};

/** Grouped vertical bars: one group per category (day), one bar per series. */
export function groupedBars(title: string, categories: string[], series: BarSeries[]): SafeHtml {
  const w = 720;
  const h = 220;
  const left = 40;
  const bottom = 28;
  const top = 10;
  const max = nice(Math.max(0, ...series.flatMap((s) => s.values)));
  const plotW = w - left - 8;
  const plotH = h - top - bottom;
  const group = categories.length ? plotW / categories.length : plotW;
  const bar = Math.max(1, (group * 0.8) / Math.max(1, series.length));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const ticks = [0, max / 2, max];
  const every = Math.max(1, Math.ceil(categories.length / 10));
  return html`<figure class="chart"><figcaption>${title}</figcaption>
<svg viewBox="0 0 ${w} ${h}" role="img" aria-label="${title}" preserveAspectRatio="xMidYMid meet">
${ticks.map((t) => html`<line x1="${left}" x2="${w - 8}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" class="grid"/><text x="${left - 4}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" class="tick">${Number.isInteger(t) ? t : t.toFixed(1)}</text>`)}
${categories.map((c, i) => html`<g>${series.map((s, j) => {
    const v = s.values[i] ?? 0;
    const x = left + i * group + group * 0.1 + j * bar;
    return html`<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${bar.toFixed(1)}" height="${(top + plotH - y(v)).toFixed(1)}" fill="${s.colour}"><title>${c} ${s.label}: ${v}</title></rect>`;
  })}${i % every === 0 ? html`<text x="${(left + i * group + group / 2).toFixed(1)}" y="${h - 10}" text-anchor="middle" class="tick">${c.slice(5)}</text>` : ''}</g>`)}
</svg>
<p class="legend">${series.map((s) => html`<span><i style="background:${s.colour}"></i>${s.label}</span>`)}</p></figure>`;
}

/** Horizontal bars with their value written next to them (aging buckets). */
export function horizontalBars(title: string, rows: Array<{ label: string; value: number; colour: string }>): SafeHtml {
  const w = 360;
  const rowH = 28;
  const h = rows.length * rowH + 8;
  const max = nice(Math.max(0, ...rows.map((r) => r.value)));
  const left = 70;
  const plotW = w - left - 50;
  return html`<figure class="chart"><figcaption>${title}</figcaption>
<svg viewBox="0 0 ${w} ${h}" role="img" aria-label="${title}">
${rows.map((r, i) => html`<text x="${left - 6}" y="${i * rowH + 22}" text-anchor="end" class="tick">${r.label}</text><rect x="${left}" y="${i * rowH + 8}" width="${((r.value / max) * plotW).toFixed(1)}" height="18" fill="${r.colour}"><title>${r.label}: ${r.value}</title></rect><text x="${(left + (r.value / max) * plotW + 6).toFixed(1)}" y="${i * rowH + 22}" class="tick">${r.value}</text>`)}
</svg></figure>`;
}

/** A rate (0..1 as a decimal string) as a ring with the percentage in the middle. */
export function rateRing(title: string, rate: string | null, colour: string): SafeHtml {
  const r = 40;
  const c = 2 * Math.PI * r;
  const v = rate === null ? 0 : Number(rate);
  const text = rate === null ? 'n/a' : `${(v * 100).toFixed(1)} %`;
  return html`<figure class="chart ring"><figcaption>${title}</figcaption>
<svg viewBox="0 0 100 100" role="img" aria-label="${title}: ${text}"><circle cx="50" cy="50" r="${r}" fill="none" stroke="#e6e9ef" stroke-width="12"/>
<circle cx="50" cy="50" r="${r}" fill="none" stroke="${colour}" stroke-width="12" stroke-dasharray="${(v * c).toFixed(2)} ${c.toFixed(2)}" transform="rotate(-90 50 50)"/>
<text x="50" y="55" text-anchor="middle" class="ringtext">${text}</text></svg></figure>`;
}
