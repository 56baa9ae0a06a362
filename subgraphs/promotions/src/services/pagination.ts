import { sequenceCursor, toConnection, type Connection } from '@shop/subgraph-kit';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageSize } from '@shop/subgraph-kit';
export type Page<T> = Connection<T>;

const cursor = sequenceCursor('promotion');
export const encodeCursor = cursor.encode;
export const decodeCursor = cursor.decode;

/** A connection ordered by the rows' insertion sequence. */
export const toPage = <T extends { seq: number }>(rows: T[], size: number, totalCount: number, after: number | null): Page<T> =>
  toConnection(rows, size, totalCount, after !== null, (node) => encodeCursor(node.seq));
