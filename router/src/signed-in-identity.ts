import { SIGNED_IN_EXTENSION } from '@shop/subgraph-kit';
import type { AccessTokenVerifier } from './client-identity';
import type { RouterContext } from './router-context';

/**
 * A subgraph answer announcing that the operation just signed a user in (register, login,
 * refresh): the token is verified exactly as a client's would be, and that user becomes the caller
 * for the rest of the operation, so the session's `user { wishlist orders … }` resolves in every
 * subgraph as if the client had sent the token. The extension never reaches the client. A token
 * that fails verification changes nothing.
 */
export async function adoptSignedInIdentity(
  extensions: Record<string, unknown> | undefined,
  context: RouterContext | Record<string, never>,
  verifier: AccessTokenVerifier,
): Promise<void> {
  const token = extensions?.[SIGNED_IN_EXTENSION];
  if (extensions) delete extensions[SIGNED_IN_EXTENSION];
  if (typeof token !== 'string' || !('requestId' in context)) return;
  try {
    context.identity = await verifier.verify(token);
  } catch {
    // Not a token this router accepts: the operation goes on as the caller it came in as.
  }
}
