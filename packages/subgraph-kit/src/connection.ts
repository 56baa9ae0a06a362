import { badUserInput } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `first` as every schema promises it: 0 to 100, 20 when omitted; anything else BAD_USER_INPUT. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, { argument: 'first' });
  }
  return size;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** Builds a Relay connection from `size + 1` fetched rows (the extra one only tells whether more follow). */
export function toConnection<T>(
  rows: T[],
  size: number,
  totalCount: number,
  hasPreviousPage: boolean,
  cursorOf: (node: T) => string,
): Connection<T> {
  const edges = rows.slice(0, size).map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}

/**
 * Opaque cursors over an insertion sequence: base64url of `<name>:<seq>`. A cursor of another
 * name or shape is BAD_USER_INPUT, never a database error.
 */
export function sequenceCursor(name: string) {
  const pattern = new RegExp(`^${name}:(\\d{1,15})$`);
  return {
    encode: (seq: number): string => Buffer.from(`${name}:${seq}`).toString('base64url'),
    decode(after: string | null | undefined): number | null {
      if (after === null || after === undefined) return null;
      const match = pattern.exec(Buffer.from(after, 'base64url').toString());
      if (!match) throw badUserInput('after is not a valid cursor', { argument: 'after' });
      return Number(match[1]);
    },
  };
}
