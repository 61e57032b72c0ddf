/**
 * 1-based line of a character offset. A line ends at `\n`, `\r\n` or a lone `\r` (XML end-of-line
 * handling, XML 1.0 §2.11, as saxes counts them), so the numbers match what an editor shows.
 * Counts from the start: for the one place (a refused DOCTYPE) that needs a line outside the parse.
 */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}
