import { ApiProperty } from '@nestjs/swagger';
import { remittanceSources, type RemittanceSource } from '@ereceipt/contracts';
import { remittanceStatuses, type RemittanceStatus } from './remittance.entity';

export class MoneyDto {
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ example: '10000.00', description: 'decimal string with the currency minor digits' }) amount!: string;
}

export class PartyIdentifierDto {
  @ApiProperty({ example: 'CUST', description: 'MT103 50F code: ARNU, CCPT, CUST, DRLC, EMPL, NIDN, SOSE, TXID' }) code!: string;
  @ApiProperty({ example: 'KR' }) country!: string;
  @ApiProperty({ example: 'SEOULTRADE-00042' }) id!: string;
}

export class PayerDto {
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) account!: string | null;
  @ApiProperty({ type: [String] }) address!: string[];
  @ApiProperty({ type: String, nullable: true }) bic!: string | null;
  @ApiProperty({ type: PartyIdentifierDto, nullable: true, description: 'MT103 50F party identifier; matching uses it like an account' }) identifier!: PartyIdentifierDto | null;
}

export class TypedReferenceDto {
  @ApiProperty({ example: 'INV' }) code!: string;
  @ApiProperty({ example: 'EO-2026-000123' }) value!: string;
}

export class AgentsDto {
  @ApiProperty({ type: String, nullable: true, description: 'ordering institution (MT103 52a, camt DbtrAgt)' }) ordering!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'intermediary (MT103 56a)' }) intermediary!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'account with institution (MT103 57a, camt CdtrAgt)' }) accountWith!: string | null;
}

export class IrregularityDto {
  @ApiProperty({ example: 'MT103.E13', description: 'rule code (connector READMEs list every rule and its class)' }) code!: string;
  @ApiProperty({ type: String, nullable: true, example: ':71F:' }) field!: string | null;
  @ApiProperty() message!: string;
}

export class BeneficiaryDto {
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) account!: string | null;
}

export class ProvenanceDto {
  @ApiProperty({ description: 'the archived inbound message (id in the inbound archive)' }) inboundMessageId!: string;
  @ApiProperty({ enum: ['kafka', 'http'] }) channel!: 'kafka' | 'http';
  @ApiProperty({ type: String, nullable: true }) topic!: string | null;
  @ApiProperty({ type: Number, nullable: true }) partition!: number | null;
  @ApiProperty({ type: String, nullable: true }) offset!: string | null;
  @ApiProperty({ type: String, nullable: true }) fileName!: string | null;
  @ApiProperty({ description: '0-based index of the message, transaction or row in the input' }) index!: number;
  @ApiProperty({ description: '1-based line where it starts' }) line!: number;
}

/** One allocation of an association (docs/contract.md: `{id, orderNo, amount, method, status}`; an association over two orders is two entries with one id). */
export class RemittanceAssociationDto {
  @ApiProperty({ format: 'uuid', description: 'the association (DELETE /remittances/{id}/associations/{associationId}, POST /associations/{id}/approve)' }) id!: string;
  @ApiProperty({ example: 'EO-2026-000123' }) orderNo!: string;
  @ApiProperty({ example: '9985.00', description: 'money of this remittance allocated to the order' }) amount!: string;
  @ApiProperty({ type: String, nullable: true, example: '15.00', description: 'shortfall accepted as bank charges on this order (the milestone counts as paid)' }) bankCharges!: string | null;
  @ApiProperty({ enum: ['AUTO', 'MANUAL'] }) method!: 'AUTO' | 'MANUAL';
  @ApiProperty({ enum: ['PROPOSED', 'APPROVED', 'REJECTED', 'UNBOUND'] }) status!: 'PROPOSED' | 'APPROVED' | 'REJECTED' | 'UNBOUND';
  @ApiProperty({ description: 'who made it: `system` for matching, else `<role>:<person e-mail>` or `<role>:token <name> #<id>`' }) actor!: string;
  @ApiProperty({ type: String, nullable: true, description: 'who approved, rejected or unbound it; on a PROPOSED one: the first of the four eyes (it waits for a second finance person)' }) decidedBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class SignalScoreDto {
  @ApiProperty({ enum: ['VIRTUAL_ACCOUNT', 'ORDER_REFERENCE', 'PAYMENT_ID', 'PAYER_ACCOUNT', 'PAYER_NAME', 'AMOUNT', 'VALUE_DATE'] }) signal!: string;
  @ApiProperty() score!: number;
  @ApiProperty() detail!: string;
}

export class DecisionCandidateDto {
  @ApiProperty() orderNo!: string;
  @ApiProperty({ description: 'what would be allocated to this order' }) amount!: string;
  @ApiProperty({ description: 'ranking only; never decides an AUTO by itself' }) score!: number;
  @ApiProperty({ enum: ['EXACT', 'CHARGES', 'PARTIAL', 'OVERPAID'] }) fit!: string;
  @ApiProperty({ type: [SignalScoreDto] }) signals!: SignalScoreDto[];
}

/** The last matching decision on the remittance (libs/matching README: rule table and reasons). */
export class RemittanceDecisionDto {
  @ApiProperty({ enum: ['AUTO', 'SUGGEST', 'NONE'] }) outcome!: 'AUTO' | 'SUGGEST' | 'NONE';
  @ApiProperty({ example: 'MATCHING.AUTO_ORDER_REF' }) reason!: string;
  @ApiProperty({ type: [String], example: ['BANK_CHARGES'] }) flags!: string[];
  @ApiProperty({ example: 'matching-rules/2' }) ruleVersion!: string;
  @ApiProperty({ type: [DecisionCandidateDto] }) candidates!: DecisionCandidateDto[];
  @ApiProperty({ format: 'date-time' }) decidedAt!: string;
}

/** `GET /remittances/{id}`: the canonical remittance (docs/contract.md) plus the hub's view of it. */
export class RemittanceViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: remittanceStatuses }) status!: RemittanceStatus;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the original, when this is a copy of a wire already stored' }) duplicateOf!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the original whose UETR this wire reuses with other money (status IDENTITY_CONFLICT until a person decides)' }) conflictsWith!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'why it is an identity conflict, or how a copy differs from its original by charges' }) identityNote!: string | null;
  @ApiProperty({ type: MoneyDto, nullable: true, description: 'a copy whose amount differs from its original: the difference, explained by charges along the chain' }) chargesExplained!: MoneyDto | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sellerId!: string | null;
  @ApiProperty({ enum: remittanceSources }) source!: RemittanceSource;
  @ApiProperty() messageRef!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) uetr!: string | null;
  @ApiProperty({ type: String, nullable: true }) endToEndId!: string | null;
  @ApiProperty({ type: String, nullable: true }) senderBic!: string | null;
  @ApiProperty({ format: 'date', example: '2026-11-20' }) valueDate!: string;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ example: '9985.00', description: 'what the beneficiary bank settled, decimal string' }) amount!: string;
  @ApiProperty({ type: MoneyDto, nullable: true }) instructedAmount!: MoneyDto | null;
  @ApiProperty({ type: String, enum: ['OUR', 'SHA', 'BEN'], nullable: true }) chargeBearer!: 'OUR' | 'SHA' | 'BEN' | null;
  @ApiProperty({ type: [MoneyDto] }) chargesDeducted!: MoneyDto[];
  @ApiProperty({ type: PayerDto }) payer!: PayerDto;
  @ApiProperty({ type: BeneficiaryDto }) beneficiary!: BeneficiaryDto;
  @ApiProperty({ type: String, nullable: true }) remittanceInfo!: string | null;
  @ApiProperty({ type: [String] }) references!: string[];
  @ApiProperty({ type: String, nullable: true }) relatedReference!: string | null;
  @ApiProperty() possibleDuplicate!: boolean;
  @ApiProperty({ type: [TypedReferenceDto], description: 'structured references with their codes (/INV/, /RFB/, /ROC/, ...)' }) typedReferences!: TypedReferenceDto[];
  @ApiProperty({ type: AgentsDto }) agents!: AgentsDto;
  @ApiProperty({ type: [TypedReferenceDto], description: 'MT103 :72: codes' }) instructions!: TypedReferenceDto[];
  @ApiProperty({ type: [IrregularityDto], description: 'rules the sender broke that do not change who paid how much to whom; non-empty sends the remittance to review, never AUTO' }) irregularities!: IrregularityDto[];
  @ApiProperty({ type: ProvenanceDto }) provenance!: ProvenanceDto;
  @ApiProperty({ type: [RemittanceAssociationDto], description: 'allocations to orders, live and past (UNBOUND, REJECTED)' }) associations!: RemittanceAssociationDto[];
  @ApiProperty({ type: RemittanceDecisionDto, nullable: true, description: 'the last matching decision; null before matching ran (duplicates are never matched)' }) decision!: RemittanceDecisionDto | null;
}

export class RemittancePageDto {
  @ApiProperty({ type: [RemittanceViewDto] }) items!: RemittanceViewDto[];
  @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page; null on the last page' }) nextCursor!: string | null;
}
