/**
 * The order's three status dimensions. The lifecycle is driven by the seller (draft, submit,
 * cancel), the buyer (confirm payment info) and the hub (complete); payment and fulfilment are
 * derived from remittances and shipments when those land.
 */
export const lifecycleStatuses = ['DRAFT', 'SUBMITTED', 'CONFIRMED', 'COMPLETED', 'CANCELLED'] as const;
export type LifecycleStatus = (typeof lifecycleStatuses)[number];

export const paymentStatuses = ['UNPAID', 'PARTLY_PAID', 'PAID'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

export const fulfilmentStatuses = ['NOT_SHIPPED', 'PARTLY_SHIPPED', 'SHIPPED', 'DELIVERED'] as const;
export type FulfilmentStatus = (typeof fulfilmentStatuses)[number];

export const orderActions = ['EDIT', 'SUBMIT', 'CONFIRM_PAYMENT_INFO', 'CANCEL', 'COMPLETE'] as const;
export type OrderAction = (typeof orderActions)[number];

export interface OrderState {
  lifecycle: LifecycleStatus;
  payment: PaymentStatus;
  fulfilment: FulfilmentStatus;
}

export const incoterms = ['EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF'] as const;
export type Incoterm = (typeof incoterms)[number];

export const exportMethods = ['SELF_EXPORT', 'ONE_STOP_EXPORT'] as const;
export type ExportMethod = (typeof exportMethods)[number];

export const milestoneKinds = ['DEPOSIT', 'BALANCE'] as const;
export type MilestoneKind = (typeof milestoneKinds)[number];
