import { errors } from 'jose';
import { AuthError } from './auth-error.js';

/**
 * jose errors that say "this token is bad" (as opposed to "we could not fetch keys"). Anything
 * else, such as a JWKS endpoint timing out, is rethrown unchanged: it is our outage, not the
 * caller's fault, and must not turn into a 401 that sends every client back to the login page.
 */
const TOKEN_FAULTS = new Set([
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWT_INVALID',
  'ERR_JWS_INVALID',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
]);

/** Converts a jose verification failure into an `AuthError`; rethrows infrastructure errors. */
export function toAuthError(error: unknown, what: string): AuthError {
  if (error instanceof AuthError) return error;
  if (error instanceof errors.JWTExpired) {
    return new AuthError('TOKEN_EXPIRED', `${what} has expired`, { cause: error });
  }
  if (error instanceof errors.JOSEError && TOKEN_FAULTS.has(error.code)) {
    return new AuthError('TOKEN_INVALID', `${what} is invalid`, { cause: error });
  }
  throw error;
}

/** Throws TOKEN_INVALID unless `value` is an array of strings (the `roles` claim). */
export function readRoles(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((role) => typeof role === 'string')) {
    throw new AuthError('TOKEN_INVALID', `${what} is invalid`, { cause: new Error('"roles" claim must be an array of strings') });
  }
  return value;
}
