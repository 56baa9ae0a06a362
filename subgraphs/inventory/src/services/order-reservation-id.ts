import { createHash } from 'node:crypto';

/** Namespace of the checkout saga's reservation ids; fixed forever (changing it orphans live holds). */
const SAGA_NAMESPACE = Buffer.from('db4798df6ab64f3a86746ee568e152d5', 'hex');

/**
 * The reservation id of an order's saga reservation: a name-based UUID (RFC 9562 version 5) of
 * the order id. Deriving it instead of storing a mapping makes every redelivered or repeated
 * request for the order land on the same reservation, which `reserve` already treats idempotently.
 */
export function reservationIdFor(orderId: string): string {
  const hash = createHash('sha1').update(SAGA_NAMESPACE).update(orderId, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
