import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 17 §3 (OpenTelemetry): an outbox row keeps the W3C trace context of what caused it (the
 * inbound record's span, or the HTTP request's), so that the relay's publish continues that trace
 * and the event carries it as CloudEvents' `traceparent` extension. Null when tracing is off.
 * Nullable columns without a default: adding them rewrites nothing.
 */
export class Migration20261208050000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "outbox_event" add column "traceparent" text null, add column "tracestate" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "outbox_event" drop column "traceparent", drop column "tracestate";`);
  }
}
