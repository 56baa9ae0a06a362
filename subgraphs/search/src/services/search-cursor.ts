import { createHash } from 'node:crypto';
import { z } from 'zod';
import { badUserInput } from '@shop/subgraph-kit';
import { MAX_RELEVANCE_DEPTH, type Position, type SearchQuery } from './search-query';

/**
 * Cursors are opaque to clients: base64url JSON holding a fingerprint of the search (text, filter,
 * sort) and either the position reached (RELEVANCE) or the sort key of the row (keyset for the
 * other sorts). The fingerprint makes a cursor from another search a BAD_USER_INPUT instead of
 * a silently wrong page.
 */
const payload = z.object({
  f: z.string(),
  o: z.number().int().min(1).max(MAX_RELEVANCE_DEPTH).optional(),
  k: z.array(z.union([z.number(), z.string()])).optional(),
});

const int = z.number().int();
const keyShapes = {
  PRICE_ASC: z.tuple([int, z.string()]),
  PRICE_DESC: z.tuple([int, z.string()]),
  NEWEST: z.tuple([int, z.string()]),
  RATING: z.tuple([z.number(), int, z.string()]),
} as const;

/** A stable hash of the normalized search; also the heart of the result-cache key. */
export function fingerprint(query: SearchQuery): string {
  return createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 16);
}

export function encodeCursor(query: SearchQuery, position: Position): string {
  const body = 'offset' in position ? { f: fingerprint(query), o: position.offset } : { f: fingerprint(query), k: position.key };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

const badCursor = () => badUserInput('after is not a valid cursor', { argument: 'after' });

function parse(after: string): z.infer<typeof payload> {
  try {
    return payload.parse(JSON.parse(Buffer.from(after, 'base64url').toString('utf8')));
  } catch {
    throw badCursor();
  }
}

/** The position `after` points at, for this very search; BAD_USER_INPUT for anything else. */
export function decodeCursor(after: string | null | undefined, query: SearchQuery): Position | null {
  if (after === null || after === undefined) return null;
  const cursor = parse(after);
  if (cursor.f !== fingerprint(query)) throw badUserInput('after belongs to a different search (text, filter or sort changed)', { argument: 'after' });
  if (query.sort === 'RELEVANCE') {
    if (cursor.o === undefined) throw badCursor();
    return { offset: cursor.o };
  }
  const key = keyShapes[query.sort].safeParse(cursor.k);
  if (!key.success) throw badCursor();
  return { key: key.data };
}
