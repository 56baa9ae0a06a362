import { z } from 'zod';
import { InvalidCursorError } from './catalog-errors';
import type { Product, ProductSort } from './catalog-model';
import { nameKey, uuidSchema } from './catalog-input';

/**
 * Keyset pagination cursors: base64url of `{ v, s, k, i }` = format version, sort order, the last
 * item's sort key (epoch ms for NEWEST, minor units for PRICE_*, case-folded name for NAME_ASC)
 * and its id (the tie-breaker). Opaque to clients; decoding checks every part, so a tampered or
 * foreign cursor is an `InvalidCursorError`, never a query error or a silently wrong page.
 */
export type SortKey = number | string;

export interface CursorPosition {
  sort: ProductSort;
  key: SortKey;
  id: string;
}

const MAX_CURSOR_LENGTH = 1024;
const intKey = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const payloadSchema = z.discriminatedUnion('s', [
  z.object({ v: z.literal(1), s: z.literal('NEWEST'), k: intKey, i: uuidSchema }).strict(),
  z.object({ v: z.literal(1), s: z.literal('PRICE_ASC'), k: intKey, i: uuidSchema }).strict(),
  z.object({ v: z.literal(1), s: z.literal('PRICE_DESC'), k: intKey, i: uuidSchema }).strict(),
  z.object({ v: z.literal(1), s: z.literal('NAME_ASC'), k: z.string().max(MAX_CURSOR_LENGTH), i: uuidSchema }).strict(),
]);

/** The value a product is ordered by under `sort` (before the id tie-break). */
export function sortKeyOf(product: Product, sort: ProductSort): SortKey {
  switch (sort) {
    case 'NEWEST':
      return product.createdAt.getTime();
    case 'PRICE_ASC':
    case 'PRICE_DESC':
      return product.price.amount;
    case 'NAME_ASC':
      return nameKey(product.name);
  }
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify({ v: 1, s: position.sort, k: position.key, i: position.id }), 'utf8').toString('base64url');
}

export const cursorFor = (product: Product, sort: ProductSort): string => encodeCursor({ sort, key: sortKeyOf(product, sort), id: product.id });

/** Decodes a cursor issued for `sort`; throws `InvalidCursorError` for anything else. */
export function decodeCursor(cursor: string, sort: ProductSort): CursorPosition {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw new InvalidCursorError('not a base64url string of acceptable length');
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('not JSON');
  }
  const result = payloadSchema.safeParse(json);
  if (!result.success) throw new InvalidCursorError('unexpected content');
  if (result.data.s !== sort) throw new InvalidCursorError(`issued for sort ${result.data.s}, not ${sort}`);
  return { sort, key: result.data.k, id: result.data.i };
}
