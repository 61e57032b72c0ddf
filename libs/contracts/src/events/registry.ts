import type { EventDefinition } from './define-event';
import { orderCancelledV1, orderPaymentInfoConfirmedV1, orderSubmittedV1 } from './order-events';
import { remittanceAssociatedV1, remittanceSuggestedV1, remittanceUnboundV1, remittanceUnmatchedV1 } from './matching-events';
import { orderPaidV1 } from './order-paid-event';
import { evaluationRepliedV1, evaluationSubmittedV1 } from './evaluation-events';
import { supplierScoreUpdatedV1 } from './supplier-score-events';
import { remittanceReceivedV1 } from './remittance-events';
import { exportBillDraftRequestedV1, shipmentCreatedV1, shipmentUpdatedV1 } from './fulfillment-events';
import { orderCompletedV1, orderShipDateMissedV1, orderShippedV1 } from './order-fulfilment-events';
import { fxSettledV1, refundCompletedV1, refundFailedV1, refundRequestedV1, remittanceReturnRequestedV1, withdrawalCompletedV1, withdrawalFailedV1, withdrawalRequestedV1 } from './funds-events';

/** Every event type the hub publishes. The AsyncAPI document and JSON Schemas are generated from it. */
export const eventRegistry: readonly EventDefinition[] = [remittanceReceivedV1, orderSubmittedV1, orderPaymentInfoConfirmedV1, orderCancelledV1, remittanceAssociatedV1, remittanceSuggestedV1, remittanceUnmatchedV1, remittanceUnboundV1, orderPaidV1, shipmentCreatedV1, shipmentUpdatedV1, exportBillDraftRequestedV1, orderShippedV1, orderShipDateMissedV1, orderCompletedV1, evaluationSubmittedV1, evaluationRepliedV1, supplierScoreUpdatedV1, withdrawalRequestedV1, withdrawalCompletedV1, withdrawalFailedV1, fxSettledV1, refundRequestedV1, refundCompletedV1, refundFailedV1, remittanceReturnRequestedV1];

export function findEvent(type: string): EventDefinition | undefined {
  return eventRegistry.find((e) => e.type === type);
}

export * from './fulfillment-events';
export * from './order-fulfilment-events';
export * from './evaluation-events';
export * from './supplier-score-events';
export * from './funds-events';
