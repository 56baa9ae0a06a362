import { SignJWT, calculateJwkThumbprint, createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, exportSPKI, importJWK } from 'jose';
import type { CryptoKey, JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokenIssuer, createAccessTokenVerifier } from '../src/access-tokens.js';
import { generateSigningKey, publicJwks } from '../src/signing-keys.js';
import type { SigningKey } from '../src/signing-keys.js';
import { T, T_SECONDS, expectAuthError, tamper, unsignedToken } from './token-test-support.js';

const ISS = 'https://shop.test/users';
const AUD = 'https://shop.test/graphql';
const now = (): number => T;

let key: SigningKey;
let stranger: SigningKey;
beforeAll(async () => {
  [key, stranger] = await Promise.all([generateSigningKey(), generateSigningKey()]);
});

const issuer = (at = T) => createAccessTokenIssuer({ privateJwk: key.privateJwk, kid: key.kid, issuer: ISS, audience: AUD, ttlSeconds: 900, now: () => at });
const verifier = (keys = [key.publicJwk], at = T) =>
  createAccessTokenVerifier({ jwks: createLocalJWKSet(publicJwks(keys)), issuer: ISS, audience: AUD, clockToleranceSeconds: 30, now: () => at });

/** Signs arbitrary claims with the REAL key, to prove the verifier checks claims, not just signatures. */
async function craft(claims: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  const base = { roles: ['customer'], sub: 'user-1', iss: ISS, aud: AUD, iat: T_SECONDS, exp: T_SECONDS + 900 };
  const payload = Object.fromEntries(Object.entries({ ...base, ...claims }).filter(([, value]) => value !== undefined));
  return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'at+jwt', ...header }).sign(await importJWK(key.privateJwk, 'ES256'));
}

describe('access tokens', () => {
  it('issues an ES256 at+jwt that verifies to the caller', async () => {
    const { token, expiresAt } = await issuer().issue({ sub: 'user-1', roles: ['customer', 'support'], email: 'a@shop.test' });
    expect(expiresAt).toEqual(new Date(T + 900_000));
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: key.kid, typ: 'at+jwt' });
    expect(decodeJwt(token)).toEqual({
      sub: 'user-1',
      roles: ['customer', 'support'],
      email: 'a@shop.test',
      iss: ISS,
      aud: AUD,
      iat: T_SECONDS,
      exp: T_SECONDS + 900,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(await verifier().verify(token)).toEqual({ userId: 'user-1', roles: ['customer', 'support'] });
  });

  it('accepts tokens of any key in the JWKS (rotation) and honours clock tolerance exactly', async () => {
    const { token } = await issuer().issue({ sub: 'user-2', roles: [] });
    expect(await verifier([stranger.publicJwk, key.publicJwk]).verify(token)).toEqual({ userId: 'user-2', roles: [] });
    // exp = T+900; tolerance 30 s: still valid at T+929, expired at T+930.
    expect(await verifier(undefined, T + 929_000).verify(token)).toEqual({ userId: 'user-2', roles: [] });
    await expectAuthError(verifier(undefined, T + 930_000).verify(token), 'TOKEN_EXPIRED');
  });

  it('tolerates 5 s of clock skew past exp by default, not a second more', async () => {
    const { token } = await issuer().issue({ sub: 'user-3', roles: [] });
    const byDefault = (at: number) =>
      createAccessTokenVerifier({ jwks: createLocalJWKSet(publicJwks([key.publicJwk])), issuer: ISS, audience: AUD, now: () => at });
    // exp = T+900: valid up to the last millisecond of T+904, expired from T+905 on.
    expect(await byDefault(T + 904_999).verify(token)).toEqual({ userId: 'user-3', roles: [] });
    await expectAuthError(byDefault(T + 905_000).verify(token), 'TOKEN_EXPIRED');
    const strict = createAccessTokenVerifier({
      jwks: createLocalJWKSet(publicJwks([key.publicJwk])),
      issuer: ISS,
      audience: AUD,
      clockToleranceSeconds: 0,
      now: () => T + 899_999,
    });
    expect(await strict.verify(token)).toEqual({ userId: 'user-3', roles: [] });
    await expectAuthError(
      createAccessTokenVerifier({
        jwks: createLocalJWKSet(publicJwks([key.publicJwk])),
        issuer: ISS,
        audience: AUD,
        clockToleranceSeconds: 0,
        now: () => T + 900_000,
      }).verify(token),
      'TOKEN_EXPIRED',
    );
  });

  const rejected: Array<[string, () => Promise<string>, 'TOKEN_INVALID' | 'TOKEN_EXPIRED', RegExp]> = [
    [
      'alg none',
      async () => unsignedToken({ alg: 'none', kid: key.kid, typ: 'at+jwt' }, decodeJwt(await craft({}))),
      'TOKEN_INVALID',
      /ERR_JOSE_ALG_NOT_ALLOWED/,
    ],
    [
      'HS256 keyed with the public key PEM (algorithm confusion)',
      async () => {
        const publicPem = await exportSPKI((await importJWK(key.publicJwk, 'ES256')) as CryptoKey);
        return new SignJWT(decodeJwt(await craft({})))
          .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'at+jwt' })
          .sign(new TextEncoder().encode(publicPem));
      },
      'TOKEN_INVALID',
      /ERR_JOSE_ALG_NOT_ALLOWED/,
    ],
    ['wrong iss', () => craft({ iss: 'https://evil.test' }), 'TOKEN_INVALID', /unexpected "iss"/],
    ['wrong aud', () => craft({ aud: 'https://other.test' }), 'TOKEN_INVALID', /unexpected "aud"/],
    ['missing exp', () => craft({ exp: undefined }), 'TOKEN_INVALID', /missing required "exp"/],
    ['missing iat', () => craft({ iat: undefined }), 'TOKEN_INVALID', /missing required "iat"/],
    ['missing sub', () => craft({ sub: undefined }), 'TOKEN_INVALID', /missing required "sub"/],
    ['expired', async () => (await issuer(T - 3_600_000).issue({ sub: 'user-1', roles: [] })).token, 'TOKEN_EXPIRED', /ERR_JWT_EXPIRED/],
    ['nbf in the future', () => craft({ nbf: T_SECONDS + 3600 }), 'TOKEN_INVALID', /"nbf" claim/],
    [
      'unknown kid',
      async () =>
        new SignJWT(decodeJwt(await craft({})))
          .setProtectedHeader({ alg: 'ES256', kid: stranger.kid, typ: 'at+jwt' })
          .sign(await importJWK(stranger.privateJwk, 'ES256')),
      'TOKEN_INVALID',
      /ERR_JWKS_NO_MATCHING_KEY/,
    ],
    [
      'signed by another key under our kid',
      async () =>
        new SignJWT(decodeJwt(await craft({})))
          .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'at+jwt' })
          .sign(await importJWK(stranger.privateJwk, 'ES256')),
      'TOKEN_INVALID',
      /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/,
    ],
    ['tampered signature', async () => tamper(await craft({}), 2), 'TOKEN_INVALID', /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/],
    [
      'payload swapped under a valid signature (roles escalated)',
      async () => {
        const [header, , signature] = (await craft({})).split('.');
        const escalated = Buffer.from(JSON.stringify({ ...decodeJwt(await craft({})), roles: ['admin'] })).toString('base64url');
        return `${header}.${escalated}.${signature}`;
      },
      'TOKEN_INVALID',
      /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/,
    ],
    ['wrong typ (not an access token)', () => craft({}, { typ: 'JWT' }), 'TOKEN_INVALID', /unexpected "typ"/],
    ['roles not a string array', () => craft({ roles: 'admin' }), 'TOKEN_INVALID', /"roles" claim must be an array/],
    ['not a JWT at all', async () => 'not.a.jwt', 'TOKEN_INVALID', /ERR_JWS_INVALID/],
  ];

  it.each(rejected)('rejects: %s', async (_name, makeToken, code, reason) => {
    await expectAuthError(verifier().verify(await makeToken()), code, reason);
  });

  it('rethrows key-source outages instead of blaming the token', async () => {
    const { token } = await issuer().issue({ sub: 'user-1', roles: [] });
    const outage = new errors.JWKSTimeout();
    const down = createAccessTokenVerifier({
      jwks: async () => {
        throw outage;
      },
      issuer: ISS,
      audience: AUD,
      now,
    });
    await expect(down.verify(token)).rejects.toBe(outage);
  });

  it('fails loudly on bad configuration', () => {
    const good = { privateJwk: key.privateJwk, kid: key.kid, issuer: ISS, audience: AUD };
    expect(() => createAccessTokenIssuer({ ...good, privateJwk: key.publicJwk })).toThrow(/"privateJwk" must be a PRIVATE key/);
    expect(() => createAccessTokenIssuer({ ...good, privateJwk: { kty: 'RSA' } })).toThrow(/expected a P-256 EC JWK/);
    expect(() => createAccessTokenIssuer({ ...good, kid: stranger.kid })).toThrow(/differs from privateJwk.kid/);
    expect(() => createAccessTokenIssuer({ ...good, issuer: '' })).toThrow(/"issuer" must be a non-empty string/);
    expect(() => createAccessTokenIssuer({ ...good, ttlSeconds: 0 })).toThrow(/"ttlSeconds" must be an integer from 1 to 86400/);
    expect(() => createAccessTokenVerifier({ jwks: undefined as never, issuer: ISS, audience: AUD })).toThrow(/"jwks"/);
  });

  it('generateSigningKey derives kid as the RFC 7638 thumbprint; publicJwks publishes only public members', async () => {
    expect(key.kid).toBe(await calculateJwkThumbprint(key.publicJwk, 'sha256'));
    const expected = { keys: [{ kty: 'EC', crv: 'P-256', x: key.publicJwk.x, y: key.publicJwk.y, kid: key.kid, alg: 'ES256', use: 'sig' }] };
    expect(publicJwks([key.publicJwk])).toEqual(expected);
    expect(publicJwks([key.privateJwk])).toEqual(expected); // `d` is never copied
  });

  it('defaults kid to the thumbprint when neither the option nor the JWK carries one', async () => {
    const { kid: _kid, ...bareJwk } = key.privateJwk;
    const bare = createAccessTokenIssuer({ privateJwk: bareJwk, issuer: ISS, audience: AUD, now });
    const { token } = await bare.issue({ sub: 'user-3', roles: [] });
    expect(decodeProtectedHeader(token).kid).toBe(key.kid);
    expect(publicJwks([bareJwk]).keys[0]?.kid).toBe(key.kid);
    expect(await verifier([bareJwk]).verify(token)).toEqual({ userId: 'user-3', roles: [] });
  });
});
