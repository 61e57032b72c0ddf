import type { Field } from './block4-fields';
import { describeChar, firstOutside, type CharsetName } from './charset';
import type { FieldContext } from './field-context';

/**
 * Field presence per message type (prowide generated MT103 / MT910, SRU2025; research §1.3 and
 * §1.6). A spec entry covers one field id: a fixed tag (`23B`) or a family with letter options
 * (`50a` = 50A, 50F, 50K). Field order is not enforced: the network already did, and a copy
 * re-typed by a bank portal should not fail on it.
 */
export interface FieldSpec {
  id: string;
  number: string;
  options: readonly string[];
  mandatory: boolean;
  repeatable: boolean;
  /** 77T carries the z set; everything else in MT103 / MT910 block 4 is x. */
  charset: CharsetName;
  /**
   * Says who paid how much to whom (MT103 20, 32A, 50a, 59a): missing or repeated, the message is
   * unusable. Any other field missing, repeated, misplaced or unknown is irregular.
   */
  core: boolean;
}

export type MessageSpec = readonly FieldSpec[];

export function spec(id: string, mandatory: boolean, extra: { options?: string; repeatable?: boolean; charset?: CharsetName; core?: boolean } = {}): FieldSpec {
  const number = /^\d+/.exec(id)![0];
  const letter = id.slice(number.length);
  const options = extra.options !== undefined ? extra.options.split(',').map((o) => (o === '-' ? '' : o)) : [letter];
  return { id, number, options, mandatory, repeatable: extra.repeatable ?? false, charset: extra.charset ?? 'x', core: extra.core ?? false };
}

/**
 * Fields grouped by spec id, in message order. Reports unknown, misplaced and repeated fields
 * (irregular, except a repeated core field: which amount or which party would be ambiguous).
 */
export function checkStructure(fields: Field[], messageSpec: MessageSpec, ctx: FieldContext): Map<string, Field[]> {
  const byId = new Map<string, Field[]>();
  const lookup = lookupOf(messageSpec);
  for (const field of fields) {
    const entry = lookup.byTag.get(field.tag);
    if (!entry) {
      const name = `:${field.tag}:`;
      const family = lookup.families.get(field.number);
      if (family) {
        ctx.sink.flag(`${ctx.prefix}.BAD_OPTION`, `${name} uses option ${field.option || '(none)'}; field ${family.id} allows ${family.options.map((o) => o || '(none)').join(', ')} here`, name);
      } else {
        ctx.sink.flag(`${ctx.prefix}.UNEXPECTED_FIELD`, `${name} is not a field of ${ctx.prefix}`, name);
      }
      continue;
    }
    const list = byId.get(entry.id);
    if (list !== undefined && !entry.repeatable) {
      const name = `:${field.tag}:`;
      const message = `${name} appears more than once; field ${entry.id} is not repeatable`;
      if (entry.core) ctx.sink.add(`${ctx.prefix}.REPEATED_FIELD`, message, field.lineNumbers[0], name);
      else ctx.sink.flag(`${ctx.prefix}.REPEATED_OPTIONAL_FIELD`, `${message} (the first is read)`, name);
      if (ctx.textInX !== true) checkCharset(field, entry.charset, ctx);
      continue;
    }
    if (list === undefined) byId.set(entry.id, [field]);
    else list.push(field);
    if (ctx.textInX !== true) checkCharset(field, entry.charset, ctx);
  }
  for (const entry of messageSpec) {
    if (entry.mandatory && !byId.has(entry.id)) {
      const code = entry.id.endsWith('a') ? entry.id.slice(0, -1) : entry.id;
      if (entry.core) ctx.sink.add(`${ctx.prefix}.MISSING_${code}`, `mandatory field ${entry.id} is missing`, ctx.line, `:${entry.id}:`);
      else ctx.sink.flag(`${ctx.prefix}.MISSING_${code}`, `mandatory field ${entry.id} is missing`, `:${entry.id}:`);
    }
  }
  return byId;
}

interface SpecLookup {
  /** `number + option` (e.g. `50F`, `59`) to its entry. */
  byTag: Map<string, FieldSpec>;
  /** Field number to its letter-option family (`50` to `50a`). */
  families: Map<string, FieldSpec>;
}

const lookups = new WeakMap<MessageSpec, SpecLookup>();

/** Built once per message spec: a tag is found by one map read instead of a scan of the spec. */
function lookupOf(messageSpec: MessageSpec): SpecLookup {
  let lookup = lookups.get(messageSpec);
  if (!lookup) {
    lookup = { byTag: new Map(), families: new Map() };
    for (const s of messageSpec) {
      for (const option of s.options) if (!lookup.byTag.has(s.number + option)) lookup.byTag.set(s.number + option, s);
      if (s.id.endsWith('a') && !lookup.families.has(s.number)) lookup.families.set(s.number, s);
    }
    lookups.set(messageSpec, lookup);
  }
  return lookup;
}

/** One irregularity per field, at the first offending character, with line and column (M60/T32-style). */
function checkCharset(field: Field, charset: CharsetName, ctx: FieldContext): void {
  for (let i = 0; i < field.lines.length; i++) {
    const line = field.lines[i];
    const at = firstOutside(line, charset);
    if (at >= 0) {
      const column = i === 0 ? at + field.tag.length + 3 : at + 1;
      ctx.sink.flag(
        `${ctx.prefix}.${charset.toUpperCase()}_CHARSET`,
        `:${field.tag}: line ${i + 1} (input line ${field.lineNumbers[i]}) column ${column} has ${describeChar(line, at)}, which is outside the SWIFT ${charset} character set`,
        `:${field.tag}:`,
      );
      return;
    }
  }
}
