import type { CanonicalRemittance } from '@ereceipt/contracts';
import type { Field } from './block4-fields';
import type { Envelope, MappingResult } from './envelope';
import { checkLines, irregular, type FieldContext } from './field-context';
import { BANK_OPERATION_CODES, CHARGE_BEARERS, code, currencyAmount, exchangeRate, instructionCode, reference, timeIndication, valueDateAmount, type ChargeBearer } from './field-formats';
import { checkStructure, spec, type MessageSpec } from './message-spec';
import { checkNetworkRules, type Money } from './mt103-rules';
import { checkVariant } from './mt103-variants';
import { institution, simpleParty, type Institution, type Party } from './party-fields';
import { readInstructions, readNarrative } from './remittance-codes';
import { structuredParty } from './structured-party';

/** MT103 block 4 (prowide MT103.java, SRU2025; research §1.3). */
export const MT103_SPEC: MessageSpec = [
  spec('20', true, { core: true }),
  spec('13C', false, { repeatable: true }),
  spec('23B', true),
  spec('23E', false, { repeatable: true }),
  spec('26T', false),
  spec('32A', true, { core: true }),
  spec('33B', false),
  spec('36', false),
  spec('50a', true, { options: 'A,F,K', core: true }),
  spec('51A', false),
  spec('52a', false, { options: 'A,D' }),
  spec('53a', false, { options: 'A,B,D' }),
  spec('54a', false, { options: 'A,B,D' }),
  spec('55a', false, { options: 'A,B,D' }),
  spec('56a', false, { options: 'A,C,D' }),
  spec('57a', false, { options: 'A,B,C,D' }),
  spec('59a', true, { options: '-,A,F', core: true }),
  spec('70', false),
  spec('71A', true),
  spec('71F', false, { repeatable: true }),
  spec('71G', false),
  spec('72', false),
  spec('77B', false),
  spec('77T', false, { charset: 'z' }),
];

export function mapMt103(fields: Field[], env: Envelope, ctx: FieldContext): MappingResult<CanonicalRemittance> {
  const byId = checkStructure(fields, MT103_SPEC, ctx);
  const one = (id: string): Field | undefined => byId.get(id)?.[0];
  const all = (id: string): Field[] => byId.get(id) ?? [];
  const opt = <T>(id: string, read: (f: Field) => T | null): T | null => {
    const f = one(id);
    return f ? read(f) : null;
  };

  const messageRef = opt('20', (f) => reference(ctx, f));
  all('13C').forEach((f) => timeIndication(ctx, f));
  opt('23B', (f) => code(ctx, f, /^[A-Z0-9]{4}$/, BANK_OPERATION_CODES));
  all('23E').forEach((f) => instructionCode(ctx, f));
  opt('26T', (f) => code(ctx, f, /^[A-Z0-9]{3}$/, null));
  const settled = opt('32A', (f) => valueDateAmount(ctx, f));
  const instructed = opt('33B', (f) => currencyAmount(ctx, f));
  const rate = opt('36', (f) => exchangeRate(ctx, f));
  const payer = opt('50a', (f) => orderingCustomer(ctx, f));
  const banks = new Map<string, Institution>();
  for (const id of ['51A', '52a', '53a', '54a', '55a', '56a', '57a']) {
    const bank = opt(id, (f) => institution(ctx, f));
    if (bank) banks.set(id, bank);
  }
  const beneficiary = opt('59a', (f) => (f.option === 'F' ? structuredParty(ctx, f, 3) : simpleParty(ctx, f)));
  opt('70', (f) => checkLines(ctx, f, 4));
  const chargeBearer = opt('71A', (f) => code(ctx, f, /^[A-Z]{3}$/, CHARGE_BEARERS)) as ChargeBearer | null;
  const senderCharges = all('71F').map((f) => currencyAmount(ctx, f));
  const receiverCharges = opt('71G', (f) => currencyAmount(ctx, f));
  opt('72', (f) => checkLines(ctx, f, 6));
  opt('77B', (f) => checkLines(ctx, f, 3));
  // 77T is `9000z`: one budget of 9000 characters across all lines (UHB MT103 REMIT).
  opt('77T', (f) => (f.lines.join('\r\n').length > 9000 ? irregular(ctx, f, 'BAD_77T', ':77T: holds more than 9000 characters') : null));
  checkVariant(env.validationFlag, byId, ctx);

  // Unusable: who paid how much to whom is unknown (README "Rules"); everything else was flagged.
  if (!ctx.sink.empty || !messageRef || !settled || !payer || !beneficiary) return { kind: 'failed' };
  const charges = senderCharges.filter((m): m is Money => m !== null);
  // A 33B/71F/71G that could not be read is flagged already; the cross-field rules would only add noise.
  const amountsRead = !senderCharges.includes(null) && (instructed !== null || !byId.has('33B')) && (receiverCharges !== null || !byId.has('71G')) && (rate !== null || !byId.has('36'));
  if (chargeBearer && amountsRead) {
    checkNetworkRules({ settled, instructed, rate, chargeBearer, senderCharges: charges, receiverCharges }, byId, ctx);
  }

  const f72 = one('72');
  const returnCode = f72 ? /^\/(RETN|REJT)\//.exec(f72.lines[0] ?? '') : null;
  if (returnCode) {
    return { kind: 'skipped', reason: `:72:/${returnCode[1]}/ marks a ${returnCode[1] === 'RETN' ? 'return' : 'reject'} of an earlier payment, not a new credit` };
  }
  // MT103 REMIT moves the remittance data from 70 to the 77T envelope.
  const narrative = one('70') ?? one('77T');
  const read = narrative ? readNarrative(narrative.lines) : { typed: [], references: [] };
  return {
    kind: 'remittance',
    value: {
      source: 'mt103',
      messageRef,
      uetr: env.uetr,
      endToEndId: null,
      senderBic: env.senderBic,
      valueDate: settled.valueDate,
      currency: settled.currency,
      amount: settled.amount,
      instructedAmount: instructed,
      chargeBearer,
      chargesDeducted: charges,
      payer,
      beneficiary: { name: beneficiary.name, account: beneficiary.account },
      remittanceInfo: narrative ? narrative.lines.join('\n') : null,
      references: read.references,
      relatedReference: null,
      possibleDuplicate: env.possibleDuplicate,
      typedReferences: read.typed,
      agents: {
        ordering: banks.get('52a')?.bic ?? null,
        intermediary: banks.get('56a')?.bic ?? null,
        accountWith: banks.get('57a')?.bic ?? null,
      },
      instructions: f72 ? readInstructions(f72.lines) : [],
      irregularities: [],
    },
  };
}

/** 50A (account + BIC), 50F (structured, research tricky case 22), 50K (account + name + address). */
export function orderingCustomer(ctx: FieldContext, field: Field): Party | null {
  return field.option === 'F' ? structuredParty(ctx, field, 8) : simpleParty(ctx, field);
}
