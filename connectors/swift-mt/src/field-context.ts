import type { Field } from './block4-fields';
import { show, type IssueSink } from './fin-issues';

/** What a field parser needs: where to report and which message family prefixes the code. */
export interface FieldContext {
  sink: IssueSink;
  /** `MT103` or `MT910`. */
  prefix: string;
  /** Input line where the message's block 4 starts: where a missing field or a cross-field rule is reported. */
  line: number;
  /** The year two-digit years are read around (swift-date.ts `fullYear`). */
  referenceYear: number;
  /** The whole text block is in the x set: no field needs its own character set check. */
  textInX?: boolean;
}

/** Line of the first field with this spec id, or the block 4 line. */
export function lineOfField(byId: Map<string, Field[]>, id: string, ctx: FieldContext): number {
  return byId.get(id)?.[0]?.lineNumbers[0] ?? ctx.line;
}

export function fieldName(field: Field): string {
  return `:${field.tag}:`;
}

/** Reports `<prefix>.BAD_<tag>` on the field's first line (or a given line of it). */
export function bad(ctx: FieldContext, field: Field, message: string, lineOffset = 0): void {
  const line = field.lineNumbers[lineOffset] ?? field.lineNumbers[0] ?? null;
  ctx.sink.add(`${ctx.prefix}.BAD_${field.tag}`, `${fieldName(field)} ${message}`, line, fieldName(field));
}

/** Flags `<prefix>.<code>` (irregular: the message is kept, see IssueSink). */
export function irregular(ctx: FieldContext, field: Field | null, code: string, message: string): void {
  ctx.sink.flag(`${ctx.prefix}.${code}`, message, field ? fieldName(field) : null);
}

/**
 * `n*35x` narrative / party lines: at most `maxLines` lines of at most `width` characters. Both are
 * irregular (`TOO_MANY_LINES`, `LINE_TOO_LONG`): the text is kept as sent. Returns false when flagged.
 */
export function checkLines(ctx: FieldContext, field: Field, maxLines: number, width = 35, firstLine = 0): boolean {
  let ok = true;
  if (field.lines.length - firstLine > maxLines) {
    irregular(ctx, field, 'TOO_MANY_LINES', `${fieldName(field)} has ${field.lines.length - firstLine} lines; at most ${maxLines} are allowed`);
    ok = false;
  }
  for (let i = firstLine; i < field.lines.length; i++) {
    const line = field.lines[i];
    if (line.length > width) {
      irregular(ctx, field, 'LINE_TOO_LONG', `${fieldName(field)} line ${i + 1} ${show(line)} is ${line.length} characters; at most ${width} are allowed`);
      ok = false;
    }
  }
  return ok;
}

/** A field whose value is a single line (20, 23B, 32A, ...). */
export function singleLine(ctx: FieldContext, field: Field): string | null {
  if (field.lines.length !== 1) {
    bad(ctx, field, `must be one line but has ${field.lines.length}`);
    return null;
  }
  return field.lines[0];
}
