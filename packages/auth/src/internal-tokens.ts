import { SignJWT, jwtVerify } from 'jose';
import type { JWTPayload } from 'jose';
import { AuthError } from './auth-error.js';
import { importEd25519Key } from './internal-keys.js';
import type { Ed25519KeyInput } from './internal-keys.js';
import { MintedTokenCache } from './minted-token-cache.js';
import { VerifiedTokens } from './verified-tokens.js';
import { requireInteger, requireRoles, requireText } from './options.js';
import { readRoles, toAuthError } from './token-errors.js';

const ALGORITHM = 'EdDSA';

export interface InternalTokenMinterOptions {
  /** The router's Ed25519 private key: PKCS#8 PEM or JWK (see `generateInternalKeyPair`). */
  privateKey: Ed25519KeyInput;
  /** `iss` claim; subgraph verifiers require the same value. @default 'router' */
  issuer?: string;
  /**
   * Lifetime. Short, because these tokens are bearer credentials on the internal network; a
   * leaked one is useless within a minute. Tokens are reused for half of it. At most 3600.
   * @default 60
   */
  ttlSeconds?: number;
  /** Bound on cached tokens (one per subgraph x user x role set x request id). @default 10000 */
  maxCachedTokens?: number;
  /** Clock in epoch ms; injectable for tests. @default Date.now */
  now?: () => number;
}

export interface MintRequest {
  /** The subgraph name; its verifier accepts only tokens addressed to it. */
  audience: string;
  /** `null` for an anonymous caller. */
  userId: string | null;
  roles: string[];
  /**
   * Signed into the token as `rid`. It is part of the cache key (a cached token must never carry
   * another request's id), so reuse then only happens within one request; leave it out and send
   * the id in a header to get reuse across requests.
   */
  requestId?: string;
  /**
   * The address the client connected from (as the router determined it), signed in as `cip` so a
   * subgraph can throttle per client (e.g. failed logins) without trusting a bare header. Part of
   * the cache key like the other claims.
   */
  clientIp?: string;
  /**
   * A guest shopper's key: the SHA-256 of the cart token the client sent (never the token itself),
   * signed in as `gst` so the orders subgraph can find the guest's cart and orders. Part of the
   * cache key like the other claims.
   */
  guestKey?: string;
}

export interface InternalTokenMinter {
  mint(request: MintRequest): Promise<string>;
}

/** Mints the token the router attaches to every subgraph request. */
export function createInternalTokenMinter(options: InternalTokenMinterOptions): InternalTokenMinter {
  const owner = 'createInternalTokenMinter';
  const key = importEd25519Key(owner, 'privateKey', options?.privateKey, 'private');
  const issuer = requireText(owner, 'issuer', options.issuer ?? 'router');
  const ttlSeconds = requireInteger(owner, 'ttlSeconds', options.ttlSeconds ?? 60, 2, 3600);
  const cache = new MintedTokenCache(requireInteger(owner, 'maxCachedTokens', options.maxCachedTokens ?? 10_000, 1, 1_000_000));
  const now = options.now ?? Date.now;

  return {
    async mint({ audience, userId, roles, requestId, clientIp, guestKey }) {
      requireText('mint', 'audience', audience);
      if (userId !== null) requireText('mint', 'userId', userId);
      if (requestId !== undefined) requireText('mint', 'requestId', requestId);
      if (clientIp !== undefined) requireText('mint', 'clientIp', clientIp);
      if (guestKey !== undefined) requireText('mint', 'guestKey', guestKey);
      // Role order carries no meaning; normalizing it lets ['a','b'] and ['b','a'] share a token.
      const roleSet = [...new Set(requireRoles('mint', roles))].sort();
      const cacheKey = JSON.stringify([audience, userId, roleSet, requestId ?? null, clientIp ?? null, guestKey ?? null]);
      const nowMs = now();
      return cache.get(cacheKey, nowMs, (ttlSeconds * 1000) / 2, () => {
        const payload: JWTPayload = { roles: roleSet };
        if (requestId !== undefined) payload.rid = requestId;
        if (clientIp !== undefined) payload.cip = clientIp;
        if (guestKey !== undefined) payload.gst = guestKey;
        const issuedAt = Math.floor(nowMs / 1000);
        const jwt = new SignJWT(payload)
          .setProtectedHeader({ alg: ALGORITHM })
          .setIssuer(issuer)
          .setAudience(audience)
          .setIssuedAt(issuedAt)
          .setExpirationTime(issuedAt + ttlSeconds);
        if (userId !== null) jwt.setSubject(userId);
        return jwt.sign(key);
      });
    },
  };
}

export interface InternalTokenVerifierOptions {
  /** The router's Ed25519 public key: SPKI PEM or JWK. Never the private key. */
  publicKey: Ed25519KeyInput;
  /** This subgraph's name; tokens minted for another subgraph are rejected. */
  audience: string;
  /** Required `iss`. @default 'router' */
  issuer?: string;
  /** Allowed clock skew between router and subgraph hosts. At most 60. @default 5 */
  clockToleranceSeconds?: number;
  /**
   * Bound on remembered verified tokens. The router reuses a token for half its lifetime, so a
   * subgraph sees the same token many times; a remembered one skips the signature check but not
   * the `exp`/`nbf` check. @default 10000
   */
  maxVerifiedTokens?: number;
  /** Clock in epoch ms; injectable for tests. @default Date.now */
  now?: () => number;
}

export interface InternalIdentity {
  userId: string | null;
  roles: string[];
  requestId?: string;
  /** The client's address, when the router signed one in. */
  clientIp?: string;
  /** The guest shopper's key (SHA-256 of the cart token), when the client sent a cart token. */
  guestKey?: string;
}

export interface InternalTokenVerifier {
  /** Resolves the caller's identity or throws `AuthError` (`TOKEN_EXPIRED` / `TOKEN_INVALID`). */
  verify(token: string): Promise<InternalIdentity>;
}

/** Verifies the router's internal token in a subgraph, so nothing reaches it around the router. */
export function createInternalTokenVerifier(options: InternalTokenVerifierOptions): InternalTokenVerifier {
  const owner = 'createInternalTokenVerifier';
  const key = importEd25519Key(owner, 'publicKey', options?.publicKey, 'public');
  const audience = requireText(owner, 'audience', options.audience);
  const issuer = requireText(owner, 'issuer', options.issuer ?? 'router');
  const clockTolerance = requireInteger(owner, 'clockToleranceSeconds', options.clockToleranceSeconds ?? 5, 0, 60);
  const remembered = new VerifiedTokens(requireInteger(owner, 'maxVerifiedTokens', options.maxVerifiedTokens ?? 10_000, 1, 1_000_000), clockTolerance);
  const now = options.now ?? Date.now;

  return {
    async verify(token) {
      const what = 'internal token';
      const nowMs = now();
      const known = remembered.get(token, nowMs);
      if (known) return known;
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: [ALGORITHM],
          issuer,
          audience,
          requiredClaims: ['exp', 'iss', 'aud'],
          clockTolerance,
          currentDate: new Date(nowMs),
        });
        const { sub, rid, cip, gst } = payload;
        if ([sub, rid, cip, gst].some((claim) => claim !== undefined && typeof claim !== 'string')) {
          throw new AuthError('TOKEN_INVALID', `${what} is invalid`, { cause: new Error('"sub", "rid", "cip" and "gst" must be strings') });
        }
        const identity: InternalIdentity = { userId: (sub as string | undefined) ?? null, roles: readRoles(payload.roles, what) };
        if (rid !== undefined) identity.requestId = rid as string;
        if (cip !== undefined) identity.clientIp = cip as string;
        if (gst !== undefined) identity.guestKey = gst as string;
        remembered.add(token, identity, payload.exp!, payload.nbf);
        return identity;
      } catch (error) {
        throw toAuthError(error, what);
      }
    },
  };
}
