import { badUserInput, toConnection, type Connection } from '@shop/subgraph-kit';
import type { ShippingRateKey } from '../stores/shipping-rate.store';

export { pageSize } from '@shop/subgraph-kit';
export type Page<T> = Connection<T>;

const pattern = /^shippingrate:([A-Z]{2}):(\d{1,15})$/;

/** Cursors are opaque to clients: base64url of the rate's position (country, creation order). */
export const encodeCursor = (key: ShippingRateKey): string => Buffer.from(`shippingrate:${key.country}:${key.seq}`).toString('base64url');

export function decodeCursor(after: string | null | undefined): ShippingRateKey | null {
  if (after === null || after === undefined) return null;
  const match = pattern.exec(Buffer.from(after, 'base64url').toString());
  if (!match) throw badUserInput('after is not a valid cursor', { argument: 'after' });
  return { country: match[1]!, seq: Number(match[2]) };
}

export const toPage = <T extends ShippingRateKey>(rows: T[], size: number, totalCount: number, after: ShippingRateKey | null): Page<T> =>
  toConnection(rows, size, totalCount, after !== null, encodeCursor);
