import type { IncomingHttpHeaders } from 'node:http';

/** The header the router puts its short-lived internal token in; clients' copies are stripped. */
export const INTERNAL_TOKEN_HEADER = 'x-internal-token';

export interface InternalIdentity {
  userId: string | null;
  roles: string[];
  requestId?: string | undefined;
  clientIp?: string | undefined;
  guestKey?: string | undefined;
}

/** What a subgraph needs from `@shop/auth`'s internal-token verifier. */
export interface InternalTokenVerifier {
  verify(token: string): Promise<InternalIdentity>;
}

/** Returns the verified identity, or null when the token is missing or invalid (-> 401). */
export async function identify(headers: IncomingHttpHeaders, verifier: InternalTokenVerifier): Promise<InternalIdentity | null> {
  const token = headers[INTERNAL_TOKEN_HEADER];
  if (typeof token !== 'string' || token === '') return null;
  try {
    return await verifier.verify(token);
  } catch {
    return null;
  }
}
