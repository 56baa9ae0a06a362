import type { Logger } from 'pino';
import { forbidden, unauthenticated } from './errors';

/** Who is calling, as asserted by the router's internal token. */
export interface Viewer {
  userId: string;
  roles: readonly string[];
}

export interface SubgraphContext {
  /** Null for anonymous callers; the router decides, subgraphs authorize. */
  viewer: Viewer | null;
  requestId: string;
  logger: Logger;
  /**
   * The client's address as the router saw it (signed into the internal token); absent when the
   * caller is not the router's client path (tests, subscriptions).
   */
  clientIp?: string;
  /**
   * A guest shopper's key: the SHA-256 of the `x-cart-token` the client sent (`cartTokenKey`),
   * signed into the internal token by the router; absent when no cart token came.
   */
  guestKey?: string;
}

export function requireViewer(context: SubgraphContext): Viewer {
  if (!context.viewer) throw unauthenticated();
  return context.viewer;
}

export function requireRole(context: SubgraphContext, role: string): Viewer {
  const viewer = requireViewer(context);
  if (!hasRole(context, role)) throw forbidden();
  return viewer;
}

/** For field-level rules that answer null instead of refusing: false for anonymous callers. */
export function hasRole(context: SubgraphContext, role: string): boolean {
  return context.viewer?.roles.includes(role) ?? false;
}

/** The role that may see and change everyone's data. */
export const ADMIN_ROLE = 'admin';

/** True for a signed-in viewer (or any holder of roles) with the admin role; false for anonymous. */
export function isAdmin(viewer: Pick<Viewer, 'roles'> | null | undefined): boolean {
  return viewer?.roles.includes(ADMIN_ROLE) ?? false;
}

/**
 * The rule for data that belongs to one user (their wishlist, orders, reviews, payments): the
 * owner and admins may see or change it, anonymous callers and everyone else may not.
 */
export function isOwnerOrAdmin(viewer: Viewer | null | undefined, ownerId: string): boolean {
  return !!viewer && (viewer.userId === ownerId || isAdmin(viewer));
}

/** `isOwnerOrAdmin` as a refusal: FORBIDDEN with `message` for anyone else. */
export function requireOwnerOrAdmin(viewer: Viewer, ownerId: string, message?: string): Viewer {
  if (!isOwnerOrAdmin(viewer, ownerId)) throw forbidden(message);
  return viewer;
}
