/**
 * Offset → 1-based line lookups and monotonic substring search over one input text.
 * Both keep the scan linear: the scanner asks "where is the next `{1:`" many times with
 * increasing offsets, and a fresh `indexOf` each time would be quadratic on hostile input.
 */
export class TextIndex {
  private readonly lineStarts: number[] = [0];
  private readonly memo = new Map<string, { from: number; at: number }>();

  constructor(readonly text: string) {
    // indexOf is a native (vectorised) search: far cheaper than a charCodeAt loop over the input.
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) this.lineStarts.push(nl + 1);
  }

  /** 1-based line of a character offset (LF counts as the line break; CRLF ends with LF). */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** `text.indexOf(needle, from)`, memoised so that increasing `from` values cost O(n) in total. */
  nextIndexOf(needle: string, from: number): number {
    const cached = this.memo.get(needle);
    if (cached && cached.from <= from && (cached.at === -1 || cached.at >= from)) return cached.at;
    const at = this.text.indexOf(needle, from);
    this.memo.set(needle, { from, at });
    return at;
  }
}
