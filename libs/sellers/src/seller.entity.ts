import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { sellerStatuses, type SellerStatus } from './seller.rules';

/** A seller (tenant): its application and the decision on it. */
@Entity({ tableName: 'seller' })
@Index({ name: 'seller_status_idx', properties: ['status'] })
export class SellerEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  legalName!: string;

  @Property({ type: 'string', length: 10 })
  customsCode!: string;

  @Property({ type: 'string', length: 4 })
  tradeMode!: string;

  @Property({ type: 'string', length: 3 })
  settlementCurrency!: string;

  @Property({ type: 'json' })
  currencies!: string[];

  @Property({ type: 'text' })
  contactEmail!: string;

  @Enum({ items: [...sellerStatuses], type: 'string' })
  status!: SellerStatus;

  @Property({ type: 'text', nullable: true })
  rejectionReason!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  appliedAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}

/** One virtual collection account per (seller, currency), created on approval. */
@Entity({ tableName: 'collection_account' })
@Unique({ name: 'collection_account_number_uq', properties: ['accountNumber'] })
@Unique({ name: 'collection_account_seller_currency_uq', properties: ['sellerId', 'currency'] })
export class CollectionAccountEntity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  sellerId!: string;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: 'string', length: 34 })
  accountNumber!: string;

  @Property({ type: 'text' })
  beneficiaryName!: string;

  @Property({ type: 'text' })
  bankName!: string;

  @Property({ type: 'string', length: 11 })
  bic!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;
}
