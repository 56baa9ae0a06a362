import type { ApolloServerPlugin } from '@apollo/server';
import type { SubgraphContext } from './context';
import { perRequest } from './per-request';

/**
 * Response extension carrying the access token of a user who signed in during the request
 * (register, login, refresh). The router verifies it like a client's token and calls the rest of
 * the operation as that user, so `login { session { user { wishlist } } }` reads the new user's
 * wishlist although the operation came in anonymous. The router removes it before answering.
 */
export const SIGNED_IN_EXTENSION = 'signedInAccessToken';

const slot = (context: SubgraphContext) => perRequest(context, 'signedIn.accessToken', () => ({ token: undefined as string | undefined }));

/** Records that this request has just proven to be the holder of `accessToken`. */
export function announceSignIn(context: SubgraphContext, accessToken: string): void {
  slot(context).token = accessToken;
}

/** Adds the announced access token to the response's extensions. */
export function signedInPlugin(): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const { token } = slot(contextValue);
          if (!token || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, [SIGNED_IN_EXTENSION]: token };
        },
      };
    },
  };
}
