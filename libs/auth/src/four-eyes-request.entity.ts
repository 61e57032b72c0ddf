import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';

export const fourEyesKinds = ['RETURN', 'MATCHING_SETTINGS', 'REFUND', 'FUNDS_SETTINGS'] as const;
export type FourEyesKind = (typeof fourEyesKinds)[number];
export const fourEyesStatuses = ['PENDING', 'DONE', 'WITHDRAWN'] as const;
export type FourEyesStatus = (typeof fourEyesStatuses)[number];

/**
 * An action on money that waits for a second finance person (four eyes), for actions that have no
 * waiting state of their own (an association has PROPOSED): who asked, for what (`payload`), and
 * who completed it. At most one PENDING request per kind and subject (a partial unique index).
 */
@Entity({ tableName: 'four_eyes_request' })
@Index({ name: 'four_eyes_request_subject_idx', properties: ['kind', 'subjectId'] })
@Index({ name: 'four_eyes_request_pending_uq', expression: `create unique index "four_eyes_request_pending_uq" on "four_eyes_request" ("kind", "subject_id") where "status" = 'PENDING'` })
export class FourEyesRequestEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Enum({ items: [...fourEyesKinds], type: 'string' }) kind!: FourEyesKind;
  @Property({ type: 'uuid' }) subjectId!: string;
  @Property({ type: 'string', length: 3 }) currency!: string;
  @Property({ type: 'decimal', columnType: 'numeric' }) amount!: string;
  @Property({ type: 'json' }) payload!: Record<string, unknown>;
  @Property({ type: 'text' }) requestedBy!: string;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) requestedAt!: Date;
  @Enum({ items: [...fourEyesStatuses], type: 'string' }) status!: FourEyesStatus;
  @Property({ type: 'text', nullable: true }) decidedBy!: string | null;
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true }) decidedAt!: Date | null;
}
