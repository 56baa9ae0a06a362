import { GraphQLError } from 'graphql';
import { CART_TOKEN_HEADER, type SubgraphContext } from '@shop/subgraph-kit';
import type { CartOwner } from '../stores/cart.store';

/** The signed-in user's cart; else the guest cart of the request's cart token; else null. */
export function cartOwnerOf(context: Pick<SubgraphContext, 'viewer' | 'guestKey'>): CartOwner | null {
  if (context.viewer) return { userId: context.viewer.userId };
  return context.guestKey ? { guestKey: context.guestKey } : null;
}

/** `cartOwnerOf`, or UNAUTHENTICATED for a caller with neither a session nor a cart token. */
export function requireShopper(context: Pick<SubgraphContext, 'viewer' | 'guestKey'>): CartOwner {
  const owner = cartOwnerOf(context);
  if (!owner) {
    throw new GraphQLError(`Sign in, or send the cartToken addToCart returned in the ${CART_TOKEN_HEADER} header`, { extensions: { code: 'UNAUTHENTICATED' } });
  }
  return owner;
}

/** A well-formed cart token that this shop never issued (or of another deployment). */
export function unknownCartToken(): GraphQLError {
  return new GraphQLError(`Unknown cart token: drop the ${CART_TOKEN_HEADER} header and addToCart again to start a new cart`, {
    extensions: { code: 'UNAUTHENTICATED' },
  });
}
