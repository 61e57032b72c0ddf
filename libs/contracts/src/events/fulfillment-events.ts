import { z } from 'zod';
import { outboundTopics } from '../topics';
import { defineEvent } from './define-event';

const amount = z.string().regex(/^\d+(\.\d+)?$/);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const item = z.object({ line: z.number().int().nonnegative().describe('0-based index of the order line'), sku: z.string().nullable(), name: z.string(), hsCode: z.string().nullable(), quantity: z.number().int().positive() });
const logistics = z.object({ carrier: z.string(), trackingNo: z.string().nullable(), blNo: z.string().nullable(), shipDate: date });
const customs = z.object({ declarationNo: z.string(), declaredValue: amount, currency: z.string().length(3), port: z.string() });
const exportBill = z.object({ billNo: z.string().nullable(), status: z.string().describe('REQUESTED while the hub waits for the one-stop export service; then its own status'), declaredValue: amount.nullable(), currency: z.string().length(3).nullable(), declaredAt: z.string().datetime().nullable() });
const shipmentStatus = z.enum(['AWAITING_PICKUP', 'PICKED_UP', 'CUSTOMS_DECLARED', 'CUSTOMS_CLEARED', 'DEPARTED', 'ARRIVED', 'DELIVERED']);

export const shipmentCreatedV1 = defineEvent({
  type: 'ereceipt.shipment.created.v1',
  topic: outboundTopics.fulfillment,
  aggregate: 'shipment',
  description: 'The seller declared a shipment of an order (items and quantities; logistics and customs for SELF_EXPORT, the export bill for ONE_STOP_EXPORT). Key: the order number (one order\'s shipments stay in order); subject: the shipment number.',
  schema: z.object({
    orderNo: z.string(),
    sellerId: z.string().uuid(),
    shipmentNo: z.string(),
    exportMethod: z.enum(['SELF_EXPORT', 'ONE_STOP_EXPORT']),
    items: z.array(item),
    logistics: logistics.nullable(),
    customs: customs.nullable(),
    exportBill: exportBill.nullable(),
    orderFulfilmentStatus: z.enum(['NOT_SHIPPED', 'PARTLY_SHIPPED', 'SHIPPED', 'DELIVERED']),
    createdAt: z.string().datetime(),
  }),
});

export const shipmentUpdatedV1 = defineEvent({
  type: 'ereceipt.shipment.updated.v1',
  topic: outboundTopics.fulfillment,
  aggregate: 'shipment',
  description:
    'The shipment\'s tracking state moved (monotonic: it never goes back, whatever order the logistics events arrive in) or its export bill was associated or changed. Key: the order number; subject: the shipment number.',
  schema: z.object({
    orderNo: z.string(),
    sellerId: z.string().uuid(),
    shipmentNo: z.string(),
    change: z.enum(['TRACKING', 'EXPORT_BILL']),
    status: shipmentStatus,
    exceptionOpen: z.boolean().describe('an EXCEPTION happened after the latest progress event'),
    lastEventAt: z.string().datetime().nullable(),
    exportBill: exportBill.nullable(),
    orderFulfilmentStatus: z.enum(['NOT_SHIPPED', 'PARTLY_SHIPPED', 'SHIPPED', 'DELIVERED']),
    updatedAt: z.string().datetime(),
  }),
});

export const exportBillDraftRequestedV1 = defineEvent({
  type: 'ereceipt.export-bill.draft-requested.v1',
  topic: outboundTopics.fulfillment,
  aggregate: 'shipment',
  description:
    'A request to the one-stop export service to draft an export bill for a ONE_STOP_EXPORT shipment. It answers on export.one-stop-bills with {billNo, orderNo, status, declaredValue, currency, declaredAt}. Key: the order number; subject: the shipment number.',
  schema: z.object({
    orderNo: z.string(),
    sellerId: z.string().uuid(),
    shipmentNo: z.string(),
    exporter: z.object({ sellerId: z.string().uuid() }),
    buyer: z.object({ name: z.string(), country: z.string().length(2) }),
    incoterm: z.string(),
    currency: z.string().length(3),
    items: z.array(item.extend({ unit: z.string(), unitPrice: amount })),
    goodsValue: amount.describe('sum of quantity x unit price of the items, in the order currency'),
    requestedAt: z.string().datetime(),
  }),
});
