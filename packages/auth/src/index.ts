export { AuthError } from './auth-error.js';
export type { AuthErrorCode } from './auth-error.js';
export { hashPassword, verifyPassword, needsRehash, passwordProblems } from './passwords.js';
export { PASSWORD_HASH_OPTIONS, PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH } from './passwords.js';
export { createAccessTokenIssuer, createAccessTokenVerifier } from './access-tokens.js';
export type {
  AccessTokenClaims,
  AccessTokenIssuer,
  AccessTokenIssuerOptions,
  AccessTokenVerifier,
  AccessTokenVerifierOptions,
  VerifiedAccessToken,
} from './access-tokens.js';
export { generateSigningKey, publicJwks } from './signing-keys.js';
export type { SigningKey } from './signing-keys.js';
export { createInternalTokenMinter, createInternalTokenVerifier } from './internal-tokens.js';
export type {
  InternalIdentity,
  InternalTokenMinter,
  InternalTokenMinterOptions,
  InternalTokenVerifier,
  InternalTokenVerifierOptions,
  MintRequest,
} from './internal-tokens.js';
export { generateInternalKeyPair } from './internal-keys.js';
export type { Ed25519KeyInput, InternalKeyPair } from './internal-keys.js';
export { newRefreshToken, hashRefreshToken, isRefreshTokenShaped, refreshTokenHashesEqual } from './refresh-tokens.js';
export type { NewRefreshToken } from './refresh-tokens.js';
