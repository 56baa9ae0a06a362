import { createHash, createPrivateKey } from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';

/** An ES256 key pair for access tokens; `kid` identifies it in the published JWKS. */
export interface SigningKey {
  privateJwk: JWK;
  publicJwk: JWK;
  /** RFC 7638 SHA-256 thumbprint of the public key: stable, derived, never collides by accident. */
  kid: string;
}

/** Creates a fresh ES256 (P-256) key pair as JWKs, e.g. for a key rotation or for tests. */
export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = keyIdOf(publicJwk);
  const privateJwk = await exportJWK(privateKey);
  return {
    privateJwk: { ...privateJwk, kid, alg: 'ES256', use: 'sig' },
    publicJwk: { ...publicJwk, kid, alg: 'ES256', use: 'sig' },
    kid,
  };
}

/**
 * The JWKS document to serve (e.g. at `/.well-known/jwks.json`). Publish the current key and the
 * previous one during a rotation so tokens signed just before it stay valid until they expire.
 * Accepts public or private ES256 JWKs (so a service can keep one list of signing keys) and
 * copies only the public members, so `d` can never leak into the document.
 */
export function publicJwks(keys: readonly JWK[]): { keys: JWK[] } {
  return {
    keys: keys.map((key, index) => {
      const { kty, crv, x, y } = requireEs256Jwk(`publicJwks: key ${index}`, key);
      return { kty, crv, x, y, kid: keyIdOf(key), alg: 'ES256', use: 'sig' };
    }),
  };
}

/** The key's own `kid`, else its RFC 7638 thumbprint: the issuer and `publicJwks` must agree. */
export function keyIdOf(jwk: JWK): string {
  if (typeof jwk.kid === 'string' && jwk.kid.length > 0) return jwk.kid;
  const { crv, kty, x, y } = requireEs256Jwk('keyIdOf', jwk);
  // RFC 7638 section 3.2: required members only, lexicographic order, no whitespace.
  return createHash('sha256').update(JSON.stringify({ crv, kty, x, y })).digest('base64url');
}

/** Imports and checks an ES256 private JWK synchronously, so a bad key fails at startup. */
export function importEs256PrivateKey(owner: string, jwk: JWK): KeyObject {
  if (typeof requireEs256Jwk(owner, jwk).d !== 'string') {
    throw new TypeError(`${owner}: option "privateJwk" must be a PRIVATE key (it has no "d")`);
  }
  try {
    return createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
  } catch (cause) {
    throw new TypeError(`${owner}: option "privateJwk" could not be imported`, { cause });
  }
}

function requireEs256Jwk(owner: string, jwk: JWK): JWK & { kty: 'EC'; crv: 'P-256'; x: string; y: string } {
  if (jwk?.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') {
    throw new TypeError(`${owner}: expected a P-256 EC JWK (kty "EC", crv "P-256", x, y)`);
  }
  return jwk as JWK & { kty: 'EC'; crv: 'P-256'; x: string; y: string };
}
