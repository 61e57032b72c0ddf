import type { Field } from './block4-fields';
import type { FieldContext } from './field-context';

/**
 * Every breach here is irregular (issue 21: STP and REMIT option rules do not change the money).
 *
 * MT103 variants chosen by block 3 tag 119 (prowide MT103_STP / MT103_REMIT; research §1.3):
 * - STP: no 51A; 52a, 54a, 55a, 56a, 57a only option A; 53a A or B; 23E only CORT, INTC, SDVA,
 *   REPA; no 77T.
 * - REMIT: 77T mandatory and 70 not allowed (the remittance data travels in the envelope).
 * - core (no flag): 77T not allowed.
 */
const STP_OPTIONS: Record<string, readonly string[]> = { '52a': ['A'], '53a': ['A', 'B'], '54a': ['A'], '55a': ['A'], '56a': ['A'], '57a': ['A'] };
const STP_23E = ['CORT', 'INTC', 'SDVA', 'REPA'];

export function checkVariant(flag: string | null, byId: Map<string, Field[]>, ctx: FieldContext): void {
  const first = (id: string): Field | undefined => byId.get(id)?.[0];
  if (flag === 'STP') {
    const f51 = first('51A');
    if (f51) ctx.sink.flag('MT103.STP_FIELD_NOT_ALLOWED', ':51A: sending institution is not allowed in MT103 STP ({119:STP})', ':51A:');
    for (const [id, options] of Object.entries(STP_OPTIONS)) {
      for (const f of byId.get(id) ?? []) {
        if (!options.includes(f.option)) {
          ctx.sink.flag('MT103.STP_OPTION', `:${f.tag}: is option ${f.option || '(none)'}; MT103 STP ({119:STP}) allows only ${options.join(' or ')} for ${id}`, `:${f.tag}:`);
        }
      }
    }
    for (const f of byId.get('23E') ?? []) {
      const code = (f.lines[0] ?? '').slice(0, 4);
      if (!STP_23E.includes(code)) ctx.sink.flag('MT103.STP_23E', `:23E: code ${code} is not allowed in MT103 STP (only ${STP_23E.join(', ')})`, ':23E:');
    }
  }
  const f77t = first('77T');
  if (flag === 'REMIT') {
    if (!f77t) ctx.sink.flag('MT103.REMIT_MISSING_77T', 'MT103 REMIT ({119:REMIT}) needs field :77T: envelope contents', ':77T:');
    const f70 = first('70');
    if (f70) ctx.sink.flag('MT103.REMIT_WITH_70', 'MT103 REMIT ({119:REMIT}) must not carry :70:; remittance data goes in :77T:', ':70:');
  } else if (f77t) {
    ctx.sink.flag('MT103.UNEXPECTED_77T', ':77T: envelope contents is only allowed in MT103 REMIT ({119:REMIT})', ':77T:');
  }
}
