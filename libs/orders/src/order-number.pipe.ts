import type { PipeTransform } from '@nestjs/common';
import { orderNoParam } from './order-number.rules';

/**
 * `@Param('orderNo', orderNoPipe)` on every route of a seller, finance or admin that names an order:
 * the canonical form (`eo-2026-123` is not one; `eo-2026-000123` becomes `EO-2026-000123`), or 400
 * `ORDERS.BAD_ORDER_NO`. The one copy (issue 23 item 5); buyers' signed pages use `canonicalOrderNo` (404).
 */
export const orderNoPipe: PipeTransform<string, string> = {
  transform: (value: string) => orderNoParam(value),
};
