import { createRemoteJWKSet } from 'jose';
import { createAccessTokenVerifier } from '@shop/auth';
import type { AccessTokenVerifier } from './client-identity';

export interface RemoteAccessTokenOptions {
  /** The users subgraph's `/.well-known/jwks.json`. */
  jwksUrl: string;
  issuer: string;
  audience: string;
  /**
   * After a successful fetch, a token with an unknown `kid` triggers another fetch only once this
   * has passed: a newly published key works at most this long after the previous fetch, and a
   * flood of forged kids costs the users subgraph one request per cooldown. @default 30_000
   */
  cooldownMs?: number;
  /**
   * Cached keys older than this are refetched before use, so a key removed from the JWKS stops
   * verifying within this time. @default 300_000
   */
  cacheMaxAgeMs?: number;
  /** A JWKS fetch slower than this fails the request with 503. @default 3_000 */
  timeoutMs?: number;
  /** Seconds an access token is still accepted past its `exp` (clock skew). @default 5 */
  clockToleranceSeconds?: number;
}

/**
 * Verifies client access tokens against the users subgraph's published keys (ES256, `exp`,
 * `iss`, `aud`, `typ` pinned by `@shop/auth`). Key rotation needs no restart: jose refetches the
 * set on an unknown `kid` (after the cooldown) and when the cache is older than its max age.
 */
export function createRemoteAccessTokenVerifier(options: RemoteAccessTokenOptions): AccessTokenVerifier {
  const jwks = createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: options.cooldownMs ?? 30_000,
    cacheMaxAge: options.cacheMaxAgeMs ?? 300_000,
    timeoutDuration: options.timeoutMs ?? 3_000,
  });
  return createAccessTokenVerifier({
    jwks,
    issuer: options.issuer,
    audience: options.audience,
    clockToleranceSeconds: options.clockToleranceSeconds ?? 5,
  });
}
