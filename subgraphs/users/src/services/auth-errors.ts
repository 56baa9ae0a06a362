/** Mirrors the schema's `AuthErrorCode`: expected failures are data, not exceptions. */
export type AuthErrorCode =
  | 'INVALID_EMAIL'
  | 'EMAIL_TAKEN'
  | 'WEAK_PASSWORD'
  | 'INVALID_NAME'
  | 'INVALID_CREDENTIALS'
  | 'INVALID_REFRESH_TOKEN';

export interface AuthFailure {
  code: AuthErrorCode;
  field: string | null;
  message: string;
}

export const failure = (code: AuthErrorCode, message: string, field: string | null = null): AuthFailure => ({
  code,
  field,
  message,
});
