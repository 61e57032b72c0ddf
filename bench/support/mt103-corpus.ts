/**
 * A realistic MT103 corpus for the differential bench (issue 21 item 3), deterministic per seed:
 * 50A / 50F (account, or CUST/DRLC/NIDN/CCPT/TXID party identifiers) / 50K with or without an
 * account; 59 / 59A / 59F with or without the account line; 52A, 56A, 57A; 33B (same currency,
 * or another one with 36); SHA/BEN with one to three 71F (`USD0,` included), OUR with 71G;
 * :70: with /INV/ /RFB/ /ROC/ codes (also mid-line and `//`-separated); :72: /ACC/ /INS/ with `//`
 * continuations; UETR upper or lower case; input and output headers; value dates across the
 * two-digit-year window. Each message is valid: every network rule the project checks holds.
 * Messages use CRLF or LF by index and go into one RJE file separated by `$` lines.
 */
class Prng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  next(): number {
    // xorshift32: deterministic, no floating point in the values it feeds.
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s;
  }
  int(n: number): number {
    return this.next() % n;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

const CURRENCIES = [
  { code: 'USD', digits: 2 },
  { code: 'EUR', digits: 2 },
  { code: 'JPY', digits: 0 },
  { code: 'KWD', digits: 3 },
  { code: 'GBP', digits: 2 },
] as const;
const BICS = ['CHASUS33XXX', 'DEUTDEFF', 'HVBKKRSEXXX', 'BKCHCNBJ400', 'COBADEFFXXX', 'MIDLGB22', 'SMBCJPJT'];
const NAMES = ['ACME TRADING LLC', 'SEOUL TRADE CO LTD', 'MUELLER MASCHINENBAU GMBH', 'NORDIC LIGHTING AB', 'OSAKA PARTS KK'];
const ID_CODES = ['CUST', 'DRLC', 'NIDN', 'CCPT', 'TXID', 'ARNU'];

function swiftAmount(minor: number, digits: number): string {
  const s = String(minor).padStart(digits + 1, '0');
  return digits === 0 ? `${s},` : `${s.slice(0, -digits)},${s.slice(-digits)}`;
}

export function corpusMessage(i: number, seed: number): string {
  const r = new Prng(seed * 7919 + i * 104_729 + 1);
  r.next();
  const ccy = r.pick(CURRENCIES);
  const eol = i % 3 === 0 ? '\n' : '\r\n';
  const yy = r.pick(['26', '26', '26', '25', '99', '07']);
  const date = `${yy}${String(1 + r.int(12)).padStart(2, '0')}${String(1 + r.int(28)).padStart(2, '0')}`;
  const settledMinor = 100 + r.int(50_000_000);
  const bearer = r.pick(['SHA', 'SHA', 'BEN', 'OUR'] as const);
  const lines: string[] = [`:20:R${seed}X${String(i).padStart(9, '0')}`, ':23B:CRED'];
  if (r.int(5) === 0) lines.push(`:13C:/SNDTIME/${String(r.int(24)).padStart(2, '0')}${String(r.int(60)).padStart(2, '0')}+0100`);
  lines.push(`:32A:${date}${ccy.code}${swiftAmount(settledMinor, ccy.digits)}`);
  // Charges: SHA 0-2 71F, BEN 1-3 71F, OUR maybe 71G; 33B whenever 71F/71G are present (D51).
  const f71: number[] = bearer === 'SHA' ? Array.from({ length: r.int(3) }, () => r.int(5_000)) : bearer === 'BEN' ? Array.from({ length: 1 + r.int(3) }, () => r.int(5_000)) : [];
  const f71g = bearer === 'OUR' && r.int(2) === 0 ? r.int(Math.min(5_000, settledMinor)) : null;
  const fx = f71.length === 0 && f71g === null && r.int(6) === 0;
  if (fx) {
    const other = ccy.code === 'EUR' ? 'USD' : 'EUR';
    lines.push(`:33B:${other}${swiftAmount(settledMinor + r.int(10_000), 2)}`, ':36:0,9236');
  } else if (f71.length > 0 || f71g !== null || r.int(3) === 0) {
    // 33B - Σ71F + 71G = 32A (UHB amount chain), all in the settlement currency.
    const instructed = settledMinor + f71.reduce((a, b) => a + b, 0) - (f71g ?? 0);
    lines.push(`:33B:${ccy.code}${swiftAmount(instructed, ccy.digits)}`);
  }
  const payer = r.int(10);
  const name = r.pick(NAMES);
  if (payer < 2) lines.push(`:50A:/US${String(r.next()).padStart(12, '0')}`, r.pick(BICS));
  else if (payer < 5) {
    lines.push(r.int(2) === 0 ? `:50F:${r.pick(ID_CODES)}/${r.pick(['KR', 'DE', 'JP', 'US'])}/${r.pick(['ID', 'P', ''])}${r.next()}` : `:50F:/DE${String(r.next()).padStart(18, '0')}`);
    lines.push(`1/${name}`, '2/12 MAIN STREET', `3/${r.pick(['US/NEW YORK', 'DE/STUTTGART', 'KR/SEOUL'])}`);
  } else if (payer < 8) lines.push(`:50K:/${r.pick(['US', 'GB', 'JP'])}${String(r.next()).padStart(10, '0')}`, name, '1 MAIN ST', 'NEW YORK');
  else lines.push(`:50K:${name}`, 'HAMBURG');
  if (r.int(2) === 0) lines.push(`:52A:${r.pick(BICS)}`);
  if (r.int(4) === 0) lines.push(`:56A:${r.pick(BICS)}`, `:57A:${r.pick(BICS)}`);
  else if (r.int(3) === 0) lines.push(`:57A:${r.pick(BICS)}`);
  const beneficiary = r.int(10);
  const account = `VA88${String(r.int(100_000_000)).padStart(8, '0')}`;
  if (beneficiary < 6) lines.push(`:59:/${account}`, 'NINGBO EXAMPLE CO LTD', '88 ZHONGSHAN ROAD');
  else if (beneficiary < 7) lines.push(`:59A:/${account}`, 'BKCHCNBJ400');
  else if (beneficiary < 9) lines.push(`:59F:/${account}`, '1/NINGBO EXAMPLE CO LTD', '2/88 ZHONGSHAN ROAD', '3/CN/NINGBO');
  else lines.push(':59F:1/NINGBO EXAMPLE CO LTD', '3/CN/NINGBO');
  const order = `EO-2026-${String(r.int(1_000_000)).padStart(6, '0')}`;
  const narrative = r.int(6);
  if (narrative === 0) lines.push(`:70:/INV/${order}`, 'PAYMENT FOR ORDER');
  else if (narrative === 1) lines.push(`:70:/RFB/${order}//INV-${r.int(99_999)}`);
  else if (narrative === 2) lines.push(`:70:${order}/ROC/Q${r.int(999_999)}`);
  else if (narrative === 3) lines.push(`:70:/ROC/PO${r.int(99_999)}/INV/${order}`);
  else if (narrative === 4) lines.push(':70:PAYMENT FOR ORDER', order);
  lines.push(`:71A:${bearer}`);
  for (const c of f71) lines.push(`:71F:${ccy.code}${swiftAmount(c, ccy.digits)}`);
  if (f71g !== null) lines.push(`:71G:${ccy.code}${swiftAmount(f71g, ccy.digits)}`);
  if (r.int(5) === 0) lines.push(':72:/ACC/INSTANT CREDIT PLEASE', '//ADVISE BENEFICIARY', `/INS/${r.pick(BICS)}`);
  const uetr = randomUuidFrom(r);
  const header =
    r.int(4) === 0
      ? `{1:F01BKCHCNBJA400${String(i % 10_000).padStart(4, '0')}${String(i).padStart(6, '0').slice(-6)}}{2:O1031610261207CHASUS33AXXX12345678902612071610N}`
      : `{1:F01CHASUS33AXXX0000000000}{2:I103BKCHCNBJ400N}`;
  const block3 = r.int(10) === 0 ? '' : `{3:{121:${r.int(5) === 0 ? uetr.toUpperCase() : uetr}}}`;
  return `${header}${block3}{4:${eol}${lines.join(eol)}${eol}-}`;
}

function randomUuidFrom(r: Prng): string {
  const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[r.int(16)]).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[r.int(4)]}${hex(3)}-${hex(12)}`;
}

/** `count` messages as one RJE text (`$` on its own line between messages). */
export function corpusRje(count: number, seed: number): { text: string; messages: string[] } {
  const messages = Array.from({ length: count }, (_, i) => corpusMessage(i, seed));
  return { text: messages.join('\r\n$\r\n'), messages };
}
