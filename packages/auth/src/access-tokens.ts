import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { JWK, JWTPayload, JWTVerifyGetKey } from 'jose';
import { AuthError } from './auth-error.js';
import { requireInteger, requireRoles, requireText } from './options.js';
import { importEs256PrivateKey, keyIdOf } from './signing-keys.js';
import { readRoles, toAuthError } from './token-errors.js';

/**
 * RFC 9068 media type for JWT access tokens. Verifiers require it, so no other JWT signed with
 * the same key (an ID token, a future email-link token) can be replayed as an access token.
 */
const ACCESS_TOKEN_TYP = 'at+jwt';
const ALGORITHM = 'ES256';

export interface AccessTokenIssuerOptions {
  /** ES256 (P-256) private key as a JWK, e.g. `generateSigningKey().privateJwk` from a secret store. */
  privateJwk: JWK;
  /**
   * Key id written to the header so verifiers pick the right key from the JWKS during rotation.
   * Must match what `publicJwks` publishes for this key.
   * @default `privateJwk.kid`, else the key's RFC 7638 thumbprint (what `publicJwks` uses)
   */
  kid?: string;
  /** `iss` claim: who vouches for the token (e.g. `https://shop.example/users`). */
  issuer: string;
  /** `aud` claim: who may accept it (e.g. `https://shop.example/graphql`). */
  audience: string;
  /**
   * Lifetime. Short, because an access token cannot be revoked before it expires; the refresh
   * token carries the long session. At most one day.
   * @default 900
   */
  ttlSeconds?: number;
  /** Clock in epoch ms; injectable for tests. @default Date.now */
  now?: () => number;
}

export interface AccessTokenClaims {
  /** The user id. */
  sub: string;
  roles: string[];
  email?: string;
}

export interface AccessTokenIssuer {
  issue(claims: AccessTokenClaims): Promise<{ token: string; expiresAt: Date }>;
}

/** Signs client access tokens (used by the users subgraph at sign-in and refresh). */
export function createAccessTokenIssuer(options: AccessTokenIssuerOptions): AccessTokenIssuer {
  const owner = 'createAccessTokenIssuer';
  const key = importEs256PrivateKey(owner, options?.privateJwk);
  const kid = requireText(owner, 'kid', options.kid ?? keyIdOf(options.privateJwk));
  if (options.privateJwk.kid !== undefined && options.privateJwk.kid !== kid) {
    throw new TypeError(`${owner}: option "kid" (${kid}) differs from privateJwk.kid (${options.privateJwk.kid}); verifiers would not find the key`);
  }
  const issuer = requireText(owner, 'issuer', options.issuer);
  const audience = requireText(owner, 'audience', options.audience);
  const ttlSeconds = requireInteger(owner, 'ttlSeconds', options.ttlSeconds ?? 900, 1, 86_400);
  const now = options.now ?? Date.now;

  return {
    async issue({ sub, roles, email }) {
      requireText('issue', 'sub', sub);
      const issuedAt = Math.floor(now() / 1000);
      const expiresAt = issuedAt + ttlSeconds;
      const payload: JWTPayload = { roles: requireRoles('issue', roles) };
      if (email !== undefined) payload.email = requireText('issue', 'email', email);
      const token = await new SignJWT(payload)
        .setProtectedHeader({ alg: ALGORITHM, kid, typ: ACCESS_TOKEN_TYP })
        .setSubject(sub)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .setJti(randomUUID())
        .sign(key);
      return { token, expiresAt: new Date(expiresAt * 1000) };
    },
  };
}

export interface AccessTokenVerifierOptions {
  /**
   * Where public keys come from: jose `createRemoteJWKSet(url)` in the router (caches and
   * refetches on an unknown `kid`, so rotations need no restart) or `createLocalJWKSet(jwks)`.
   */
  jwks: JWTVerifyGetKey;
  /** Required `iss`. */
  issuer: string;
  /** Required `aud`. */
  audience: string;
  /**
   * Allowed clock skew between issuer and verifier for `exp` and `nbf`: an access token cannot be
   * revoked, so every second of tolerance extends a stolen token's life. Hosts synced by NTP are
   * within a second of each other. At most 300.
   * @default 5
   */
  clockToleranceSeconds?: number;
  /** Clock in epoch ms; injectable for tests. @default Date.now */
  now?: () => number;
}

export interface VerifiedAccessToken {
  userId: string;
  roles: string[];
}

export interface AccessTokenVerifier {
  /** Resolves the caller or throws `AuthError` (`TOKEN_EXPIRED` / `TOKEN_INVALID`). */
  verify(token: string): Promise<VerifiedAccessToken>;
}

/** Verifies client access tokens (used by the router on every request). */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const owner = 'createAccessTokenVerifier';
  if (typeof options?.jwks !== 'function') {
    throw new TypeError(`${owner}: option "jwks" must be a key resolver from createRemoteJWKSet or createLocalJWKSet`);
  }
  const { jwks } = options;
  const issuer = requireText(owner, 'issuer', options.issuer);
  const audience = requireText(owner, 'audience', options.audience);
  const clockTolerance = requireInteger(owner, 'clockToleranceSeconds', options.clockToleranceSeconds ?? 5, 0, 300);
  const now = options.now ?? Date.now;

  return {
    async verify(token) {
      const what = 'access token';
      try {
        const { payload } = await jwtVerify(token, jwks, {
          // Pinned: never let the token's own header choose the algorithm (alg "none", HS256 confusion).
          algorithms: [ALGORITHM],
          typ: ACCESS_TOKEN_TYP,
          issuer,
          audience,
          requiredClaims: ['exp', 'iat', 'sub', 'iss', 'aud'],
          clockTolerance,
          currentDate: new Date(now()),
        });
        if (typeof payload.sub !== 'string' || payload.sub.length === 0) {
          throw new AuthError('TOKEN_INVALID', `${what} is invalid`, { cause: new Error('"sub" must be a non-empty string') });
        }
        return { userId: payload.sub, roles: readRoles(payload.roles, what) };
      } catch (error) {
        throw toAuthError(error, what);
      }
    },
  };
}
