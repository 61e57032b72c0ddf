import { compareAmounts } from '@ereceipt/money';
import type { Principal } from './principal';

/**
 * Four eyes on money (segregation of duties). Pure: the thresholds and the actors are arguments.
 *
 * An actor string is `<role>:<name>` (see `actorOf`). The person behind it is the name, or the
 * owner of a machine token when it names one (`token erp #1a2b3c4d (owner alice@example.com)`):
 * a person and a token they own are the same pair of eyes.
 */
export function actorOf(principal: Principal): string {
  return `${principal.role}:${principal.name}`;
}

export function personOf(actor: string): string {
  const body = actor.slice(actor.indexOf(':') + 1).trim();
  const owned = /\(owner ([^()]+)\)$/.exec(body);
  return (owned?.[1] ?? body).trim().toLowerCase();
}

export function samePerson(a: string, b: string): boolean {
  return personOf(a) === personOf(b);
}

/** Whether an action on `amount` of `currency` needs a second finance person: above the currency's threshold, or always when none is set. */
export function needsFourEyes(above: Readonly<Record<string, string>>, currency: string, amount: string): boolean {
  const threshold = above[currency];
  return threshold === undefined || compareAmounts(amount, threshold) > 0;
}

/** A machine token's name as audit rows show it. */
export function tokenActorName(token: { id: string; name: string; owner: string | null }): string {
  return `token ${token.name} #${token.id.slice(0, 8)}${token.owner ? ` (owner ${token.owner})` : ''}`;
}
