import { z } from 'zod';
import { badUserInput } from '@shop/subgraph-kit';
import type { ReviewOrder, ReviewPosition } from '../stores/review-order';

const cursorPayload = z.object({ o: z.enum(['NEWEST', 'OLDEST', 'HIGHEST_RATING', 'LOWEST_RATING']), r: z.int().min(1).max(5), s: z.int().min(1) });

/**
 * Opaque to clients (base64url JSON) but carries the order it was made for, so a cursor from one
 * order is refused in another instead of silently skipping reviews.
 */
export function encodeCursor(order: ReviewOrder, position: ReviewPosition): string {
  return Buffer.from(JSON.stringify({ o: order, r: position.rating, s: position.seq })).toString('base64url');
}

/** The position a cursor points at; BAD_USER_INPUT when it is not a cursor of this order. */
export function decodeCursor(order: ReviewOrder, cursor: string): ReviewPosition {
  let json: unknown = null;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // fall through to the error below
  }
  const parsed = cursorPayload.safeParse(json);
  if (!parsed.success || parsed.data.o !== order) throw badUserInput('after is not a valid cursor for this list', { argument: 'after' });
  return { rating: parsed.data.r, seq: parsed.data.s };
}
