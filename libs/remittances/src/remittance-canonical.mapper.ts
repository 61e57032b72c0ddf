import { NO_AGENTS, type CanonicalRemittance, type CompleteRemittance } from '@ereceipt/contracts';
import type { RemittanceEntity } from './remittance.entity';

/** The canonical fields stored in a column of the same name; payer and beneficiary are flattened. */
const SAME_NAME = [
  'source', 'messageRef', 'uetr', 'endToEndId', 'senderBic', 'valueDate', 'currency', 'amount', 'instructedAmount',
  'chargeBearer', 'chargesDeducted', 'remittanceInfo', 'references', 'relatedReference', 'possibleDuplicate',
] as const satisfies ReadonlyArray<keyof CanonicalRemittance & keyof RemittanceEntity>;

type SameName = (typeof SAME_NAME)[number];
export type RemittanceColumns = Pick<RemittanceEntity, SameName | 'payerName' | 'payerAccount' | 'payerAddress' | 'payerBic' | 'beneficiaryName' | 'beneficiaryAccount' | 'irregularities' | 'details'>;

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
    irregularities: r.irregularities ?? [],
    details: {
      payerIdentifier: r.payer.identifier ?? null,
      typedReferences: r.typedReferences ?? [],
      agents: r.agents ?? NO_AGENTS,
      instructions: r.instructions ?? [],
    },
  };
}

/** The stored row back as the canonical remittance the connector produced (what matching decides on, what a replay re-decides). */
export function canonicalOf(r: RemittanceEntity): CompleteRemittance {
  return {
    ...sameNamed(r),
    payer: { name: r.payerName, account: r.payerAccount, address: r.payerAddress, bic: r.payerBic, identifier: r.details?.payerIdentifier ?? null },
    beneficiary: { name: r.beneficiaryName, account: r.beneficiaryAccount },
    typedReferences: r.details?.typedReferences ?? [],
    agents: r.details?.agents ?? NO_AGENTS,
    instructions: r.details?.instructions ?? [],
    irregularities: r.irregularities ?? [],
  };
}
