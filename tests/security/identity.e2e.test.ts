import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { SignJWT, importJWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateInternalKeyPair, createInternalTokenMinter, generateSigningKey, type SigningKey } from '@shop/auth';
import { audience, issuer, startProbeRouter, type ProbeRouter } from './support/probe-router';

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const viewerQuery = '{ viewer { userId roles } }';

describe('client identity at the router', () => {
  let probe: ProbeRouter;
  let stranger: SigningKey;
  beforeAll(async () => {
    probe = await startProbeRouter();
    stranger = await generateSigningKey();
  });
  afterAll(() => probe.stop());

  const claims = (overrides: JWTPayload = {}): JWTPayload => ({
    sub: 'u-1',
    roles: ['CUSTOMER'],
    iss: issuer,
    aud: audience,
    iat: now(),
    exp: now() + 300,
    ...overrides,
  });
  const sign = async (payload: JWTPayload, key: SigningKey = probe.signingKey, header: Record<string, unknown> = {}) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: key.kid, ...header }).sign(await importJWK(key.privateJwk, 'ES256'));
  const viewerWith = (token: string) => probe.query(viewerQuery, {}, { token });

  it('a valid token reaches the subgraph as the signed-in user', async () => {
    expect(await viewerWith(await probe.tokenFor('u-1'))).toEqual({ status: 200, data: { viewer: { userId: 'u-1', roles: ['CUSTOMER'] } } });
  });

  it.each<[string, () => Promise<string>]>([
    ['alg none', async () => `${encode({ alg: 'none', typ: 'at+jwt', kid: probe.signingKey.kid })}.${encode(claims())}.`],
    [
      'HS256 signed with the ES256 public key',
      async () => {
        const pem = createPublicKey({ key: probe.signingKey.publicJwk as JsonWebKey, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
        return new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: probe.signingKey.kid }).sign(Buffer.from(pem));
      },
    ],
    ['a wrong issuer', () => sign(claims({ iss: 'https://evil.example' }))],
    ['a wrong audience', () => sign(claims({ aud: 'another-api' }))],
    ['no exp', () => sign(claims({ exp: undefined }))],
    ['an expired token', () => sign(claims({ iat: now() - 600, exp: now() - 120 }))],
    ['a future nbf', () => sign(claims({ nbf: now() + 600 }))],
    ['an unknown kid', () => sign(claims(), stranger)],
    [
      'a tampered payload',
      async () => {
        const [header, , signature] = (await sign(claims())).split('.');
        return `${header}.${encode(claims({ sub: 'admin', roles: ['ADMIN'] }))}.${signature}`;
      },
    ],
    ['a non-JWT', async () => 'not-a-jwt'],
  ])('%s is 401 UNAUTHENTICATED', async (_, token) => {
    const result = await viewerWith(await token());
    expect(result.status).toBe(401);
    expect(result.data).toBeUndefined();
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('an Authorization header that is not a bearer token is 401', async () => {
    const result = await probe.query(viewerQuery, {}, { headers: { authorization: 'Basic dTpw' } });
    expect(result.status).toBe(401);
  });

  it('a forged internal token and identity headers from the client are ignored', async () => {
    const forgerKeys = await generateInternalKeyPair();
    const forged = await createInternalTokenMinter({ privateKey: forgerKeys.privateKey }).mint({ audience: 'probe', userId: 'admin', roles: ['ADMIN'] });
    const headers = { 'x-internal-token': forged, 'x-user-id': 'admin', 'x-user-roles': 'ADMIN' };
    expect(await probe.query(viewerQuery, {}, { headers })).toEqual({ status: 200, data: { viewer: null } });
    const signedIn = await probe.query(viewerQuery, {}, { headers, token: await probe.tokenFor('u-2') });
    expect(signedIn).toEqual({ status: 200, data: { viewer: { userId: 'u-2', roles: ['CUSTOMER'] } } });
  });
});
