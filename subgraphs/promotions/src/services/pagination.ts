import { badUserInput } from '@shop/subgraph-kit';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `first` as the schema promises it: 0 to 100, 20 when omitted. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, { argument: 'first' });
  }
  return size;
}

const pattern = /^promotion:(\d{1,15})$/;

/** Cursors are opaque to clients: base64url of the promotion's position in creation order. */
export const encodeCursor = (seq: number): string => Buffer.from(`promotion:${seq}`).toString('base64url');

export function decodeCursor(after: string | null | undefined): number | null {
  if (after === null || after === undefined) return null;
  const match = pattern.exec(Buffer.from(after, 'base64url').toString());
  if (!match) throw badUserInput('after is not a valid cursor', { argument: 'after' });
  return Number(match[1]);
}

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** Builds a connection from `size + 1` fetched rows (the extra one only tells whether more follow). */
export function toPage<T extends { seq: number }>(rows: T[], size: number, totalCount: number, after: number | null): Page<T> {
  const edges = rows.slice(0, size).map((node) => ({ cursor: encodeCursor(node.seq), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}
