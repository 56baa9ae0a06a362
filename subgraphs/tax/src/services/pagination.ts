import { badUserInput, toConnection, type Connection } from '@shop/subgraph-kit';
import type { TaxRateKey } from '../stores/tax-rate.store';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageSize } from '@shop/subgraph-kit';
export type Page<T> = Connection<T>;

const pattern = /^taxrate:([A-Z]{2}):(\d{1,15})$/;

/** Cursors are opaque to clients: base64url of the rate's position (country, creation order). */
export const encodeCursor = (key: TaxRateKey): string => Buffer.from(`taxrate:${key.country}:${key.seq}`).toString('base64url');

export function decodeCursor(after: string | null | undefined): TaxRateKey | null {
  if (after === null || after === undefined) return null;
  const match = pattern.exec(Buffer.from(after, 'base64url').toString());
  if (!match) throw badUserInput('after is not a valid cursor', { argument: 'after' });
  return { country: match[1]!, seq: Number(match[2]) };
}

export const toPage = <T extends TaxRateKey>(rows: T[], size: number, totalCount: number, after: TaxRateKey | null): Page<T> =>
  toConnection(rows, size, totalCount, after !== null, encodeCursor);
