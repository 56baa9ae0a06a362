import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';

export interface ClientIdentity {
  userId: string;
  roles: string[];
}

/** What the router needs from `@shop/auth`'s access-token verifier. */
export interface AccessTokenVerifier {
  verify(token: string): Promise<ClientIdentity>;
}

/**
 * Anonymous requests are allowed (subgraphs decide per field); a present but invalid token is a
 * 401 so a client with an expired session finds out instead of silently seeing anonymous data.
 */
export async function identifyClient(headers: IncomingHttpHeaders, verifier: AccessTokenVerifier): Promise<ClientIdentity | null> {
  const header = headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw unauthenticated('Authorization header must be "Bearer <access token>"');
  try {
    return await verifier.verify(match[1]);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'TOKEN_EXPIRED') throw unauthenticated('Access token expired');
    if (code === 'TOKEN_INVALID') throw unauthenticated('Access token is invalid');
    // The key set could not be fetched: not the client's fault, and no reason to sign everyone out.
    throw new GraphQLError('Cannot verify access tokens right now', {
      extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
      originalError: error instanceof Error ? error : undefined,
    });
  }
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}
