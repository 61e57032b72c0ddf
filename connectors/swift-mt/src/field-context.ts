import type { Field } from './block4-fields';
import { show, type IssueSink } from './fin-issues';

/** What a field parser needs: where to report and which message family prefixes the code. */
export interface FieldContext {
  sink: IssueSink;
  /** `MT103` or `MT910`. */
  prefix: string;
  /** Input line where the message's block 4 starts: where a missing field or a cross-field rule is reported. */
  line: number;
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

/** `n*35x` narrative / party lines: at most `maxLines` lines of at most `width` characters. */
export function checkLines(ctx: FieldContext, field: Field, maxLines: number, width = 35): boolean {
  if (field.lines.length > maxLines) {
    bad(ctx, field, `has ${field.lines.length} lines; at most ${maxLines} are allowed`);
    return false;
  }
  for (let i = 0; i < field.lines.length; i++) {
    const line = field.lines[i];
    if (line.length > width) {
      bad(ctx, field, `line ${i + 1} ${show(line)} is ${line.length} characters; at most ${width} are allowed`, i);
      return false;
    }
  }
  return true;
}

/** A field whose value is a single line (20, 23B, 32A, ...). */
export function singleLine(ctx: FieldContext, field: Field): string | null {
  if (field.lines.length !== 1) {
    bad(ctx, field, `must be one line but has ${field.lines.length}`);
    return null;
  }
  return field.lines[0];
}
