/**
 * Stable codes callers branch on (the router maps them to GraphQL `extensions.code` / HTTP 401).
 * TOKEN_EXPIRED is separate so clients know to refresh rather than sign in again.
 */
export type AuthErrorCode = 'TOKEN_EXPIRED' | 'TOKEN_INVALID';

/** A token was rejected. `message` is safe to show; the precise reason is kept in `cause` for logs. */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  readonly code: AuthErrorCode;

  constructor(code: AuthErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
