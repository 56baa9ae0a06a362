import type { PayloadFailure } from '@shop/subgraph-kit';
import { z } from 'zod';

/** The longest a hold may last: a checkout that needs longer should reserve again. */
export const MAX_TTL_SECONDS = 24 * 3600;

export const reserveInput = z.object({
  reservationId: z.uuid().transform((id) => id.toLowerCase()),
  orderId: z.string().trim().min(1).max(100),
  items: z
    .array(
      z
        .object({
          productId: z.string().trim().min(1).max(100),
          variantId: z.string().trim().min(1).max(100).optional(),
          quantity: z.number().int().min(1).max(1_000_000),
        })
        // Requests recorded before variants name the product: its default variant has the product's id.
        .transform(({ productId, variantId, quantity }) => ({ productId, variantId: variantId ?? productId, quantity })),
    )
    .min(1)
    .max(100)
    .refine((items) => new Set(items.map((item) => item.variantId)).size === items.length, 'each variant may appear once'),
  ttlSeconds: z.number().int().min(1).max(MAX_TTL_SECONDS),
});
export type ReserveInput = z.output<typeof reserveInput>;

/** Why a reservation call failed. */
export type ReservationErrorCode =
  | 'INVALID_INPUT'
  | 'UNKNOWN_VARIANT'
  | 'INSUFFICIENT_STOCK'
  | 'RESERVATION_ID_REUSED'
  | 'NOT_FOUND'
  | 'RESERVATION_EXPIRED'
  | 'RESERVATION_RELEASED'
  | 'RESERVATION_COMMITTED';

export interface ReservationFailure extends PayloadFailure<ReservationErrorCode> {
  /** The item that could not be held, for UNKNOWN_VARIANT and INSUFFICIENT_STOCK. */
  productId: string | null;
  variantId: string | null;
  requested: number | null;
  available: number | null;
}

export const reservationFailure = (code: ReservationErrorCode, message: string, extra: Partial<ReservationFailure> = {}): ReservationFailure => ({
  code,
  field: null,
  productId: null,
  variantId: null,
  requested: null,
  available: null,
  message,
  ...extra,
});

export function invalidReservation(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): ReservationFailure[] {
  return issues.map((issue) => {
    const field = issue.path.map(String).join('.') || null;
    return reservationFailure('INVALID_INPUT', `${field ?? 'input'}: ${issue.message}`, { field });
  });
}

/** Same order, same variants and quantities: a retry of the same reserve, not a new request. */
export function sameRequest(a: { orderId: string; items: ReserveInput['items'] }, b: { orderId: string; items: ReserveInput['items'] }): boolean {
  const key = (items: ReserveInput['items']) =>
    items
      .map((item) => `${item.variantId}\u0000${item.quantity}`)
      .sort()
      .join('\u0001');
  return a.orderId === b.orderId && key(a.items) === key(b.items);
}
