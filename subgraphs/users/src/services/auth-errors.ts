import type { PayloadFailure } from '@shop/subgraph-kit';
/** Mirrors the schema's `AuthErrorCode`: expected failures are data, not exceptions. */
export type AuthErrorCode =
  'INVALID_EMAIL' | 'EMAIL_TAKEN' | 'WEAK_PASSWORD' | 'INVALID_NAME' | 'INVALID_CREDENTIALS' | 'INVALID_REFRESH_TOKEN' | 'TOO_MANY_ATTEMPTS';

export interface AuthFailure extends PayloadFailure<AuthErrorCode> {
  /** Only for TOO_MANY_ATTEMPTS: seconds until a login is accepted again. */
  retryAfterSeconds: number | null;
}

export const failure = (code: AuthErrorCode, message: string, field: string | null = null): AuthFailure => ({
  code,
  field,
  message,
  retryAfterSeconds: null,
});

export const tooManyAttempts = (retryAfterSeconds: number): AuthFailure => ({
  code: 'TOO_MANY_ATTEMPTS',
  field: null,
  message: `Too many failed sign-ins; try again in ${retryAfterSeconds} s`,
  retryAfterSeconds,
});
