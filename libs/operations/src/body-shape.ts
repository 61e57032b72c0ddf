import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Deeper than this, a JSON body is refused (the deepest DTO is 3 levels: `customs.declaredValue`, `lines[1].unitPrice`). */
export const MAX_BODY_DEPTH = 32;

/** How deep a parsed JSON value nests (a scalar 0, `{}` 1), counted without recursion, stopping past `limit`. */
export function nestingDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(v as Record<string, unknown>)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return deepest;
}

/** An error shaped like body-parser's (`type`, 4xx `status`), so `bodyParserErrors` answers it with its code. */
class BodyShapeError extends Error {
  constructor(
    readonly type: 'entity.too.deep' | 'entity.not.object',
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/**
 * Right after the JSON parser: every JSON body of this API is an object (a DTO), so a top-level
 * array is refused, and so is one nested deeper than `MAX_BODY_DEPTH` (class-transformer recurses
 * once per level: 5,000 nested arrays overflowed the stack, a 500).
 */
export function jsonBodyShape(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const body: unknown = req.body;
    if (!req.is('application/json') || body === undefined || body === null || typeof body !== 'object') return next();
    if (Array.isArray(body)) return next(new BodyShapeError('entity.not.object', 'the request body must be a JSON object'));
    if (nestingDepth(body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) return next(new BodyShapeError('entity.too.deep', `the request body nests deeper than ${MAX_BODY_DEPTH} levels`));
    next();
  };
}
