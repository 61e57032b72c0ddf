import { z } from 'zod';
import { erpOrderMessageSchema } from './erp-order-message';
import { eventRegistry } from './events/registry';
import { cloudEventHeaders, dlqHeaders, traceHeaders } from './headers';
import { dlqTopic, type InboundTopic, inboundTopicDescriptions, inboundTopics, outboundTopics } from './topics';

type Json = Record<string, unknown>;

/** JSON Schema (draft 2020-12) of each event's data, keyed by `ce_type`. */
export function eventJsonSchemas(): Record<string, Json> {
  return Object.fromEntries(
    eventRegistry.map((e) => [e.type, { $id: `https://ereceipt-hub.dev/schemas/${e.type}.json`, title: e.type, description: e.description, ...(z.toJSONSchema(e.schema, { io: 'output' }) as Json) }]),
  );
}

/** Inbound topics whose JSON payload has a schema (the others are bank files, described in words). */
function inboundPayloadSchemas(): Partial<Record<InboundTopic, Json>> {
  return {
    'erp.orders': z.toJSONSchema(erpOrderMessageSchema, { io: 'input' }),
  };
}

/** W3C trace context (https://www.w3.org/TR/trace-context/): optional on every message, in and out. */
const TRACEPARENT = { type: 'string', pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' };
const traceContextHeaders = {
  [traceHeaders.traceparent]: { ...TRACEPARENT, description: 'W3C trace context of this message (inbound: the hub continues it; outbound: the publish span)' },
  [traceHeaders.tracestate]: { type: 'string', description: 'W3C tracestate, with traceparent' },
};

const ceHeaders = {
  type: 'object',
  required: Object.values(cloudEventHeaders),
  properties: {
    ...Object.fromEntries(Object.values(cloudEventHeaders).map((h) => [h, { type: 'string' }])),
    ...traceContextHeaders,
    [traceHeaders.ceTraceparent]: { ...TRACEPARENT, description: 'CloudEvents distributed-tracing extension: the trace context the event was created in (the inbound record or request that caused it); absent when tracing was off' },
    [traceHeaders.ceTracestate]: { type: 'string', description: 'CloudEvents distributed-tracing extension: tracestate, with ce_traceparent' },
  },
};

const dlqHeaderSchema = {
  type: 'object',
  required: Object.values(dlqHeaders),
  properties: { ...Object.fromEntries(Object.values(dlqHeaders).map((h) => [h, { type: 'string' }])), ...traceContextHeaders },
};

const inboundHeaderSchema = { type: 'object', properties: traceContextHeaders };

/** The AsyncAPI 3 document for every topic, generated from the registry (checked in as docs/api/asyncapi.json). */
export function asyncApiDocument(version: string): Json {
  const channels: Json = {};
  const operations: Json = {};
  const messages: Json = {};
  const inboundPayloads = inboundPayloadSchemas();
  for (const [name, topic] of Object.entries(inboundTopics)) {
    channels[name] = { address: topic, description: inboundTopicDescriptions[topic], messages: { [name]: { $ref: `#/components/messages/${name}` } } };
    messages[name] = { name, headers: inboundHeaderSchema, contentType: topic.endsWith('camt054') ? 'application/xml' : topic.endsWith('mt103') || topic.endsWith('csv') ? 'text/plain' : 'application/json', payload: inboundPayloads[topic] ?? { type: 'string', description: inboundTopicDescriptions[topic] } };
    operations[`receive_${name}`] = { action: 'receive', channel: { $ref: `#/channels/${name}` } };
    const dlqName = `${name}Dlq`;
    channels[dlqName] = { address: dlqTopic(topic), description: `Messages from ${topic} the hub could not use, unchanged, with the reason in headers.`, messages: { [dlqName]: { $ref: `#/components/messages/${dlqName}` } } };
    messages[dlqName] = { name: dlqName, headers: dlqHeaderSchema, payload: { description: 'the original value, unchanged' } };
    operations[`send_${dlqName}`] = { action: 'send', channel: { $ref: `#/channels/${dlqName}` } };
  }
  const schemas = eventJsonSchemas();
  for (const [name, topic] of Object.entries(outboundTopics)) {
    const events = eventRegistry.filter((e) => e.topic === topic);
    channels[name] = {
      address: topic,
      description: `CloudEvents 1.0, binary mode; key = the aggregate id.`,
      messages: Object.fromEntries(events.map((e) => [e.type.replace(/\./g, '_'), { $ref: `#/components/messages/${e.type.replace(/\./g, '_')}` }])),
    };
    for (const e of events) {
      messages[e.type.replace(/\./g, '_')] = { name: e.type, title: e.type, summary: e.description, contentType: 'application/json', headers: ceHeaders, payload: schemas[e.type], ...(e.deprecated ? { deprecated: true } : {}) };
    }
    operations[`send_${name}`] = { action: 'send', channel: { $ref: `#/channels/${name}` } };
  }
  return {
    asyncapi: '3.0.0',
    info: { title: 'ereceipt-hub topics', version, description: 'Inbound partner topics, their DLQs, and the CloudEvents the hub publishes.' },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
}
