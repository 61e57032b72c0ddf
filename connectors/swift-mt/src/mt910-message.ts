import type { CanonicalRemittance } from '@ereceipt/contracts';
import type { Field } from './block4-fields';
import type { Envelope, MappingResult } from './envelope';
import { bad, checkLines, singleLine, type FieldContext } from './field-context';
import { dateTimeIndication, reference, valueDateAmount } from './field-formats';
import { show } from './fin-issues';
import { checkStructure, spec, type MessageSpec } from './message-spec';
import { orderingCustomer } from './mt103-message';
import { institution, isBic } from './party-fields';
import { readInstructions } from './remittance-codes';

/**
 * MT910 Confirmation of Credit (UHB category 9; research §1.6): 20, 21 (related reference, normally
 * the inward MT103's field 20), 25a (the credited account), 13D, 32A (the amount booked), 50a or
 * 52a (C1: one of them must be present), 56a, 72. Mapped to the same canonical remittance with
 * `source: 'mt910'`: the account owner learns of the credit from it, and field 21 ties it to the MT103.
 */
export const MT910_SPEC: MessageSpec = [
  spec('20', true, { core: true }),
  spec('21', true, { core: true }),
  spec('25a', true, { options: '-,P', core: true }),
  spec('13D', false),
  spec('32A', true, { core: true }),
  spec('50a', false, { options: 'A,F,K' }),
  spec('52a', false, { options: 'A,D' }),
  spec('56a', false, { options: 'A,D' }),
  spec('72', false),
];

export function mapMt910(fields: Field[], env: Envelope, ctx: FieldContext): MappingResult<CanonicalRemittance> {
  const byId = checkStructure(fields, MT910_SPEC, ctx);
  const one = (id: string): Field | undefined => byId.get(id)?.[0];
  const f20 = one('20');
  const f21 = one('21');
  const f32 = one('32A');
  const f50 = one('50a');
  const f52 = one('52a');
  const messageRef = f20 ? reference(ctx, f20) : null;
  const related = f21 ? reference(ctx, f21) : null;
  const account = accountIdentification(ctx, one('25a'));
  const f13 = one('13D');
  if (f13) dateTimeIndication(ctx, f13);
  const settled = f32 ? valueDateAmount(ctx, f32) : null;
  const payer = f50 ? orderingCustomer(ctx, f50) : null;
  const orderingBank = f52 ? institution(ctx, f52) : null;
  const f56 = one('56a');
  const intermediary = f56 ? institution(ctx, f56) : null;
  const f72 = one('72');
  if (f72) checkLines(ctx, f72, 6);
  if (!f50 && !f52) ctx.sink.flag('MT910.C06', 'either :50a: ordering customer or :52a: ordering institution must be present (rule C1)', ':50a:');
  if (!ctx.sink.empty || !messageRef || !related || !settled) return { kind: 'failed' };
  return {
    kind: 'remittance',
    value: {
      source: 'mt910',
      messageRef,
      uetr: env.uetr,
      endToEndId: null,
      senderBic: env.senderBic,
      valueDate: settled.valueDate,
      currency: settled.currency,
      amount: settled.amount,
      instructedAmount: null,
      chargeBearer: null,
      chargesDeducted: [],
      payer: payer ?? { name: null, account: null, address: [], bic: orderingBank?.bic ?? null, identifier: null },
      beneficiary: { name: null, account },
      remittanceInfo: null,
      references: [],
      relatedReference: related,
      possibleDuplicate: env.possibleDuplicate,
      agents: { ordering: orderingBank?.bic ?? null, intermediary: intermediary?.bic ?? null, accountWith: null },
      instructions: f72 ? readInstructions(f72.lines) : [],
    },
  };
}

/** 25 `35x` account; 25P `35x` account + BIC line. */
function accountIdentification(ctx: FieldContext, field: Field | undefined): string | null {
  if (!field) return null;
  if (field.option === 'P') {
    if (field.lines.length !== 2 || !isBic(field.lines[1])) bad(ctx, field, 'option P is an account line then a BIC line');
    return field.lines[0] ?? null;
  }
  const value = singleLine(ctx, field);
  if (value !== null && (value.length < 1 || value.length > 35)) bad(ctx, field, `account ${show(value)} must be 1 to 35 characters`);
  return value;
}
