import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import type { JWK } from 'jose';

/** An Ed25519 key pair as PEM: `privateKey` is PKCS#8, `publicKey` is SPKI. */
export interface InternalKeyPair {
  privateKey: string;
  publicKey: string;
}

/**
 * Creates the router's internal-token key pair. For embedded mode and development, where the
 * router and subgraphs share one process; in services mode the pair comes from the secret store.
 */
export async function generateInternalKeyPair(): Promise<InternalKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
  return { privateKey: await exportPKCS8(privateKey), publicKey: await exportSPKI(publicKey) };
}

/** Key material accepted for internal tokens: a PEM string or an OKP/Ed25519 JWK. */
export type Ed25519KeyInput = string | JWK;

/**
 * Imports and checks an Ed25519 key synchronously, so a wrong or truncated key fails at startup
 * rather than on the first request. Rejects other key types outright: accepting, say, an RSA
 * key here would quietly change the algorithm the verifiers must trust.
 */
export function importEd25519Key(owner: string, option: string, input: Ed25519KeyInput, kind: 'private' | 'public'): KeyObject {
  const carriesPrivate = typeof input === 'string' ? input.includes('PRIVATE KEY') : input?.d !== undefined;
  if (kind === 'public' && carriesPrivate) {
    // createPublicKey would happily derive the public half, leaving the signing key on a verifier.
    throw new TypeError(`${owner}: option "${option}" is a PRIVATE key; give verifiers only the public key`);
  }
  let key: KeyObject;
  try {
    if (typeof input === 'string') {
      key = kind === 'private' ? createPrivateKey(input) : createPublicKey(input);
    } else if (input?.kty === 'OKP' && input.crv === 'Ed25519') {
      const jwk = { key: input as JsonWebKey, format: 'jwk' as const };
      key = kind === 'private' ? createPrivateKey(jwk) : createPublicKey(jwk);
    } else {
      throw new TypeError('a JWK must have kty "OKP" and crv "Ed25519"');
    }
  } catch (cause) {
    throw new TypeError(`${owner}: option "${option}" must be an Ed25519 ${kind} key (PEM or JWK)`, { cause });
  }
  if (key.asymmetricKeyType !== 'ed25519' || key.type !== kind) {
    throw new TypeError(`${owner}: option "${option}" must be an Ed25519 ${kind} key, got ${key.asymmetricKeyType ?? 'unknown'} ${key.type}`);
  }
  return key;
}
