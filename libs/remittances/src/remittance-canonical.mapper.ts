import type { CanonicalRemittance } from '@ereceipt/contracts';
import type { RemittanceEntity } from './remittance.entity';

/** The canonical fields stored in a column of the same name; payer and beneficiary are flattened. */
const SAME_NAME = [
  'source', 'messageRef', 'uetr', 'endToEndId', 'senderBic', 'valueDate', 'currency', 'amount', 'instructedAmount',
  'chargeBearer', 'chargesDeducted', 'remittanceInfo', 'references', 'relatedReference', 'possibleDuplicate',
] as const satisfies ReadonlyArray<keyof CanonicalRemittance & keyof RemittanceEntity>;

type SameName = (typeof SAME_NAME)[number];
export type RemittanceColumns = Pick<RemittanceEntity, SameName | 'payerName' | 'payerAccount' | 'payerAddress' | 'payerBic' | 'beneficiaryName' | 'beneficiaryAccount'>;

function sameNamed(from: Pick<CanonicalRemittance, SameName>): Pick<CanonicalRemittance, SameName> {
  return Object.fromEntries(SAME_NAME.map((k) => [k, from[k]])) as Pick<CanonicalRemittance, SameName>;
}

/** The columns a canonical remittance is stored in (RecordRemittance). */
export function columnsOf(r: CanonicalRemittance): RemittanceColumns {
  return {
    ...sameNamed(r),
    payerName: r.payer.name,
    payerAccount: r.payer.account,
    payerAddress: r.payer.address,
    payerBic: r.payer.bic,
    beneficiaryName: r.beneficiary.name,
    beneficiaryAccount: r.beneficiary.account,
  };
}

/** The stored row back as the canonical remittance the connector produced (what matching decides on, what a replay re-decides). */
export function canonicalOf(r: RemittanceEntity): CanonicalRemittance {
  return {
    ...sameNamed(r),
    payer: { name: r.payerName, account: r.payerAccount, address: r.payerAddress, bic: r.payerBic },
    beneficiary: { name: r.beneficiaryName, account: r.beneficiaryAccount },
  };
}
