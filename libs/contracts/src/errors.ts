/**
 * Errors are data (docs/conventions.md §6): a stable `AREA.REASON` code that survives process boundaries,
 * and a kind that the edges map (HTTP: status code; Kafka: DLQ or retry). Libraries never throw
 * HTTP exceptions.
 */
export type DomainErrorKind = 'invalid' | 'unauthorized' | 'forbidden' | 'not-found' | 'conflict' | 'too-large' | 'too-many';

export class DomainError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly kind: DomainErrorKind = 'invalid',
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A failure that will pass (database or broker down, serialization conflict): retry, never DLQ. */
export class TransientError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'TransientError';
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
