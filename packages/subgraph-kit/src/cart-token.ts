import { createHash, randomBytes } from 'node:crypto';
import { isAdmin, isOwnerOrAdmin, type SubgraphContext } from './context';

/**
 * The header a guest shopper's client sends its cart token in. A header rather than an argument:
 * it stays out of documents and variables (so APQ and logs never see it), a custom header makes
 * browsers preflight cross-origin requests (CSRF-safe), and responses to it are private.
 */
export const CART_TOKEN_HEADER = 'x-cart-token';

/** 32 random bytes as base64url: 43 characters. */
const cartTokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** A new guest cart token (256 random bits); it is shown to the client once and never stored. */
export function newCartToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether `token` has the shape `newCartToken` gives (anything else is refused before any lookup). */
export function isCartToken(token: unknown): token is string {
  return typeof token === 'string' && cartTokenPattern.test(token);
}

/** What is stored and compared instead of the token: its SHA-256, base64url (the router signs this in as `gst`). */
export function cartTokenKey(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** The customer id a guest's orders carry in events and in other subgraphs' rows: never a user id. */
export function guestCustomerId(guestKey: string): string {
  return `guest:${guestKey}`;
}

/** Whose per-customer data a request acts as: the signed-in user, else the guest of the cart token, else nobody. */
export function customerIdOf(context: Pick<SubgraphContext, 'viewer' | 'guestKey'>): string | null {
  return context.viewer?.userId ?? (context.guestKey ? guestCustomerId(context.guestKey) : null);
}

/**
 * `isOwnerOrAdmin` for data a guest may own too (an order, its payment, its shipment): the owner,
 * admins, and the guest whose cart token's key gives `ownerId`.
 */
export function ownsOrAdmin(context: Pick<SubgraphContext, 'viewer' | 'guestKey'>, ownerId: string): boolean {
  return isOwnerOrAdmin(context.viewer, ownerId) || (context.guestKey !== undefined && ownerId === guestCustomerId(context.guestKey));
}

/**
 * Who may see and act on something a user or a guest cart token owns (a cart, an order): its
 * owner (`ownsOrAdmin` of `ownerId`, null for a guest's cart), the guest of the token whose key
 * is `guestKey` (also after a user claimed an order: the guest's links keep working), and admins.
 */
export function ownsOrGuestOrAdmin(context: Pick<SubgraphContext, 'viewer' | 'guestKey'>, owned: { ownerId: string | null; guestKey: string | null }): boolean {
  if (owned.ownerId !== null && ownsOrAdmin(context, owned.ownerId)) return true;
  return (owned.guestKey !== null && owned.guestKey === context.guestKey) || isAdmin(context.viewer);
}

/** Whether a customer id is a guest's (`guestCustomerId`) rather than a user's. */
export function isGuestCustomerId(customerId: string): boolean {
  return customerId.startsWith('guest:');
}
