import { GraphQLError } from 'graphql';
import { CART_TOKEN_HEADER, cartTokenKey, isCartToken } from '@shop/subgraph-kit';

/**
 * The guest key (SHA-256 of the cart token) of a request's `x-cart-token` header or a WebSocket's
 * `x-cart-token` connection parameter: undefined when absent, a 400 BAD_USER_INPUT when it is not a
 * token `addToCart` could have returned. Only the key goes on to the subgraphs, never the token.
 */
export function guestKeyOf(token: unknown): string | undefined | GraphQLError {
  if (token === undefined || token === null || token === '') return undefined;
  if (!isCartToken(token)) {
    return new GraphQLError(`${CART_TOKEN_HEADER} must be the cartToken addToCart returned (43 characters of base64url)`, {
      extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
    });
  }
  return cartTokenKey(token);
}
