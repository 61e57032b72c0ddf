import type { HubRole } from '@ereceipt/config';

/**
 * Readiness by role (issue #22 item 4): `/health/ready` says whether this process can serve what
 * its `HUB_ROLES` make it serve, so a load balancer or a rolling deployment acts on that only.
 * - every role needs PostgreSQL;
 * - an `http` replica needs nothing more: the API, the console and the buyers' pages write to
 *   PostgreSQL (events leave through the outbox), so a broker outage or a long rebalance must not
 *   take them out of the load balancer;
 * - a replica with `consumers` and no `http` is ready once its consumer has joined the group, even
 *   with no partition (more replicas than partitions is a normal standby, not a failure).
 * How well the consumer consumes (stalled, retrying, lag, Kafka reachable) is `/health/consumers`
 * and the `ereceipt_consumer_*` metrics, never a 503 on `/health/ready` of an `http` replica.
 */
export type ReadinessCheck = 'postgres' | 'consumerGroup';

export function readinessChecks(roles: ReadonlySet<HubRole>): ReadinessCheck[] {
  return roles.has('consumers') && !roles.has('http') ? ['postgres', 'consumerGroup'] : ['postgres'];
}

/** Whether `/health/consumers` also needs the broker to answer: only roles that use Kafka. */
export function usesKafka(roles: ReadonlySet<HubRole>): boolean {
  return roles.has('consumers') || roles.has('relay');
}
