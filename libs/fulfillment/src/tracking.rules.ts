/**
 * The tracking state of one shipment, from logistics events that arrive out of order and repeated
 * (docs/domain.md §4). The state is a join-semilattice: `applyTracking` is commutative, associative and
 * idempotent, so every order of arrival (and every duplicate) of the same events gives the same
 * state. Progress is monotonic: the status is the furthest milestone ever reached, so a PICKED_UP
 * that arrives late never undoes DELIVERED. `occurredAt` (when it happened, not when it arrived)
 * decides the time of each milestone (the earliest report of it) and whether an EXCEPTION is still
 * open (it is when nothing progressed after it).
 */
export const trackingEventTypes = ['PICKED_UP', 'DEPARTED', 'ARRIVED', 'CUSTOMS_DECLARED', 'CUSTOMS_CLEARED', 'DELIVERED', 'EXCEPTION'] as const;
export type TrackingEventType = (typeof trackingEventTypes)[number];

/** Milestones in the order an export shipment passes them (export customs before departure). */
export const trackingMilestones = ['PICKED_UP', 'CUSTOMS_DECLARED', 'CUSTOMS_CLEARED', 'DEPARTED', 'ARRIVED', 'DELIVERED'] as const;
export type TrackingMilestone = (typeof trackingMilestones)[number];

export const shipmentStatuses = ['AWAITING_PICKUP', ...trackingMilestones] as const;
export type ShipmentStatus = (typeof shipmentStatuses)[number];

export interface TrackingFact {
  eventId: string;
  type: TrackingEventType;
  /** ISO 8601 in UTC as `Date.toISOString()` writes it, so strings compare like instants. */
  occurredAt: string;
}

export interface TrackingState {
  status: ShipmentStatus;
  /** Earliest reported time of each milestone reached. */
  reachedAt: Partial<Record<TrackingMilestone, string>>;
  /** Latest time anything progressed (any milestone event). */
  lastProgressAt: string | null;
  /** The latest EXCEPTION (ties broken by event id, so the choice does not depend on arrival). */
  lastException: { eventId: string; occurredAt: string } | null;
}

export const initialTracking: TrackingState = { status: 'AWAITING_PICKUP', reachedAt: {}, lastProgressAt: null, lastException: null };

export function rankOf(status: ShipmentStatus): number {
  return shipmentStatuses.indexOf(status);
}

function maxIso(a: string | null, b: string): string {
  return a === null || b > a ? b : a;
}

export function applyTracking(state: TrackingState, fact: TrackingFact): TrackingState {
  switch (fact.type) {
    case 'EXCEPTION': {
      const e = state.lastException;
      const later = e === null || fact.occurredAt > e.occurredAt || (fact.occurredAt === e.occurredAt && fact.eventId > e.eventId);
      return later ? { ...state, lastException: { eventId: fact.eventId, occurredAt: fact.occurredAt } } : state;
    }
    case 'PICKED_UP':
    case 'DEPARTED':
    case 'ARRIVED':
    case 'CUSTOMS_DECLARED':
    case 'CUSTOMS_CLEARED':
    case 'DELIVERED': {
      const milestone: TrackingMilestone = fact.type;
      const known = state.reachedAt[milestone];
      const status = rankOf(milestone) > rankOf(state.status) ? milestone : state.status;
      return {
        ...state,
        status,
        reachedAt: { ...state.reachedAt, [milestone]: known === undefined || fact.occurredAt < known ? fact.occurredAt : known },
        lastProgressAt: maxIso(state.lastProgressAt, fact.occurredAt),
      };
    }
  }
}

export function foldTracking(facts: readonly TrackingFact[], from: TrackingState = initialTracking): TrackingState {
  return facts.reduce(applyTracking, from);
}

/** An exception is open while nothing progressed after it; a delivered shipment has none. */
export function exceptionOpen(state: TrackingState): boolean {
  if (state.status === 'DELIVERED' || state.lastException === null) return false;
  return state.lastProgressAt === null || state.lastException.occurredAt > state.lastProgressAt;
}

/** The time of the latest event of either kind, for display. */
export function lastEventAt(state: TrackingState): string | null {
  const e = state.lastException?.occurredAt ?? null;
  if (state.lastProgressAt === null) return e;
  return e === null ? state.lastProgressAt : maxIso(e, state.lastProgressAt);
}

/** Whether anything a downstream consumer sees changed (status, exception), to publish shipment.updated once per change. */
export function trackingChanged(before: TrackingState, after: TrackingState): boolean {
  return before.status !== after.status || exceptionOpen(before) !== exceptionOpen(after);
}
