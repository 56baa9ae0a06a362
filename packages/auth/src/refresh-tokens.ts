import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An opaque refresh token. Only `hash` is stored: a database leak then yields nothing that can be
 * presented back. SHA-256 (not argon2) is right here: 256 random bits cannot be brute forced,
 * and lookups by hash must be fast.
 */
export interface NewRefreshToken {
  /** base64url of 32 random bytes; handed to the client once. */
  token: string;
  /** Lower-case hex SHA-256 of `token`; what the store keeps and looks up. */
  hash: string;
}

export function newRefreshToken(): NewRefreshToken {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

const REFRESH_TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Whether a presented string could be one of ours (base64url of 32 bytes). Anything else is
 * answered as an unknown token without hashing it or touching the store.
 */
export function isRefreshTokenShaped(token: unknown): token is string {
  return typeof token === 'string' && REFRESH_TOKEN_SHAPE.test(token);
}

/** The stored form of a presented token. */
export function hashRefreshToken(token: string): string {
  if (typeof token !== 'string' || token.length === 0) throw new TypeError('hashRefreshToken: token must be a non-empty string');
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Constant-time equality of two hashes, for when a hash is compared in code rather than found by
 * an indexed lookup. Different lengths are unequal (and that length is not secret).
 */
export function refreshTokenHashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
