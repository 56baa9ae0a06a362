import { expect } from 'vitest';
import { AuthError } from '../src/auth-error.js';
import type { AuthErrorCode } from '../src/auth-error.js';

/** A fixed instant on a whole second, so iat/exp arithmetic in assertions is exact. */
export const T = Date.UTC(2025, 0, 1, 12, 0, 0);
export const T_SECONDS = T / 1000;

/**
 * Asserts the rejection's public code and, when given, the precise reason kept in `cause`
 * (the jose error code, or the message of our own check), so a test cannot pass for the wrong
 * reason (e.g. an "alg none" token rejected only because its payload was malformed).
 */
export async function expectAuthError(promise: Promise<unknown>, code: AuthErrorCode, reason?: string | RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(AuthError);
  expect((error as AuthError).code).toBe(code);
  if (reason === undefined) return;
  const cause = (error as AuthError).cause as { code?: string; message?: string } | undefined;
  const actual = cause?.code ?? cause?.message ?? '';
  if (typeof reason === 'string') expect(actual).toBe(reason);
  else expect(`${actual}: ${cause?.message ?? ''}`).toMatch(reason);
}

const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Builds an unsigned token by hand (alg "none"): jose refuses to produce one with a kid/typ. */
export function unsignedToken(header: object, payload: object): string {
  return `${encode(header)}.${encode(payload)}.`;
}

/** Replaces one character in the middle of a segment (the last one may only flip padding bits). */
export function tamper(token: string, segment: 1 | 2): string {
  const parts = token.split('.');
  const part = parts[segment] ?? '';
  const middle = Math.floor(part.length / 2);
  const replacement = part[middle] === 'A' ? 'B' : 'A';
  parts[segment] = part.slice(0, middle) + replacement + part.slice(middle + 1);
  return parts.join('.');
}
