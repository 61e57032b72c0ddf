import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventData, EventDefinition } from '@ereceipt/contracts';

export interface AppendEvent<E extends EventDefinition> {
  /** The aggregate id: the Kafka key, so one aggregate's events stay in order. */
  key: string;
  subject?: string;
  data: EventData<E>;
  /** Stable event id (ce_id); a new UUID when omitted. */
  id?: string;
  correlationId?: string;
}

export interface AppendRaw {
  topic: string;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
}

/**
 * Writes outgoing messages into the outbox inside the caller's transaction. The relay publishes
 * them after commit; nothing is sent to Kafka from inside a transaction.
 */
export class OutboxWriter {
  constructor(private readonly em: EntityManager) {}

  async appendEvent<E extends EventDefinition>(definition: E, event: AppendEvent<E>): Promise<string> {
    // Validating here turns a payload that breaks the published schema into a failed transaction,
    // not a broken message downstream.
    const data: unknown = definition.schema.parse(event.data);
    const id = event.id ?? randomUUID();
    const headers: Record<string, string> = event.correlationId ? { 'correlation-id': event.correlationId } : {};
    await this.em.execute(
      `insert into outbox_event (id, kind, topic, key, type, subject, headers, payload, created_at, status, attempts)
       values (?, 'event', ?, ?, ?, ?, ?, ?, now(), 'PENDING', 0)`,
      [id, definition.topic, event.key, definition.type, event.subject ?? event.key, JSON.stringify(headers), JSON.stringify(data)],
    );
    return id;
  }

  async appendRaw(message: AppendRaw): Promise<string> {
    const id = randomUUID();
    await this.em.execute(
      `insert into outbox_event (id, kind, topic, key, headers, value, created_at, status, attempts)
       values (?, 'raw', ?, ?, ?, ?, now(), 'PENDING', 0)`,
      [id, message.topic, message.key ?? '', JSON.stringify(message.headers), message.value],
    );
    return id;
  }

  /** Wakes the relay as soon as the surrounding transaction commits (LISTEN/NOTIFY). */
  async notifyRelay(): Promise<void> {
    await this.em.execute(`select pg_notify('outbox_event', '')`);
  }
}
