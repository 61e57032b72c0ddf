import type { z } from 'zod';
import type { OutboundTopic } from '../topics';

/**
 * One event type: its CloudEvents `ce_type` (ending in a version), its topic, the schema of its
 * data, and what the Kafka key (the aggregate id) is. A breaking change is a new `.v2`.
 */
export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  type: string;
  topic: OutboundTopic;
  aggregate: 'order' | 'remittance' | 'seller' | 'withdrawal' | 'refund' | 'shipment' | 'evaluation';
  description: string;
  schema: S;
  deprecated?: boolean;
}

export function defineEvent<S extends z.ZodType>(def: EventDefinition<S>): EventDefinition<S> {
  if (!/^ereceipt\.[a-z-]+\.[a-z-]+\.v\d+$/.test(def.type)) {
    throw new Error(`event type ${def.type} must look like ereceipt.<aggregate>.<event>.v<N>`);
  }
  return def;
}

/** What a producer passes: the schema input (defaults may be left out; `appendEvent` parses it). */
export type EventData<E extends EventDefinition> = z.input<E['schema']>;
