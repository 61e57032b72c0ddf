/**
 * Every topic name lives here and nowhere else (docs/conventions.md §4). Inbound topics get a `<topic>.dlq`.
 */
export const inboundTopics = {
  bankMt103: 'bank.remittance.mt103',
  bankCamt054: 'bank.remittance.camt054',
  bankCsv: 'bank.remittance.csv',
  bankFxRates: 'bank.fx-rates',
  bankTransferResults: 'bank.transfer-results',
  erpOrders: 'erp.orders',
  logisticsEvents: 'logistics.events',
  exportOneStopBills: 'export.one-stop-bills',
} as const;

export const outboundTopics = {
  orders: 'hub.orders',
  remittances: 'hub.remittances',
  funds: 'hub.funds',
  fulfillment: 'hub.fulfillment',
  evaluations: 'hub.evaluations',
  supplierScores: 'hub.supplier-scores',
} as const;

export type InboundTopic = (typeof inboundTopics)[keyof typeof inboundTopics];
export type OutboundTopic = (typeof outboundTopics)[keyof typeof outboundTopics];

export function dlqTopic(topic: InboundTopic): `${InboundTopic}.dlq` {
  return `${topic}.dlq`;
}

/** Every topic the hub needs, for explicit creation (auto-create is off on the broker). */
export function allTopics(): string[] {
  const inbound = Object.values(inboundTopics);
  return [...inbound, ...inbound.map(dlqTopic), ...Object.values(outboundTopics)];
}

export const inboundTopicDescriptions: Record<InboundTopic, string> = {
  'bank.remittance.mt103': 'SWIFT FIN text: one or more MT103 (or MT910) messages. Optional header `source-bank`.',
  'bank.remittance.camt054': 'ISO 20022 camt.054 XML document (camt.053 accepted too); credits only become remittances.',
  'bank.remittance.csv': 'Bank CSV document; header `csv-profile` names the bank profile (default `generic`).',
  'bank.fx-rates': 'JSON {base, quote, rate, validFrom, source}; rate a decimal string.',
  'bank.transfer-results': 'JSON {instructionId, status: COMPLETED|FAILED, reason?, bankRef?, executedAt}.',
  'erp.orders': 'JSON (default) or XML {sellerId, externalOrderId, version, action: UPSERT|CANCEL, submit?, order}; key sellerId:externalOrderId.',
  'logistics.events': 'JSON {eventId, orderNo, trackingNo, carrier, type, occurredAt, location?, customs?}.',
  'export.one-stop-bills': 'JSON {billNo, orderNo, status, declaredValue, currency, declaredAt}.',
};
