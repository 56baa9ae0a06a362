import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, decodeJwt, exportJWK, importPKCS8, importSPKI } from 'jose';
import type { JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateInternalKeyPair } from '../src/internal-keys.js';
import type { InternalKeyPair } from '../src/internal-keys.js';
import { createInternalTokenMinter, createInternalTokenVerifier } from '../src/internal-tokens.js';
import { T, T_SECONDS, expectAuthError } from './token-test-support.js';

let pair: InternalKeyPair;
let otherPair: InternalKeyPair;
beforeAll(async () => {
  [pair, otherPair] = await Promise.all([generateInternalKeyPair(), generateInternalKeyPair()]);
});

/** A fake clock both sides read, moved by tests instead of sleeping. */
function clock(start = T): { now: () => number; set: (ms: number) => void } {
  let current = start;
  return { now: () => current, set: (ms) => (current = ms) };
}

const minterAt = (now: () => number) => createInternalTokenMinter({ privateKey: pair.privateKey, now });
const verifierFor = (audience: string, now: () => number, publicKey = pair.publicKey) => createInternalTokenVerifier({ publicKey, audience, now });
const user = { audience: 'orders', userId: 'user-1', roles: ['customer'] };

describe('internal tokens', () => {
  it('carries the caller identity to the addressed subgraph', async () => {
    const { now } = clock();
    const token = await minterAt(now).mint({ audience: 'orders', userId: 'user-1', roles: ['support', 'customer'], requestId: 'req-1' });
    expect(decodeJwt(token)).toEqual({
      sub: 'user-1',
      roles: ['customer', 'support'],
      rid: 'req-1',
      iss: 'router',
      aud: 'orders',
      iat: T_SECONDS,
      exp: T_SECONDS + 60,
    });
    expect(await verifierFor('orders', now).verify(token)).toEqual({ userId: 'user-1', roles: ['customer', 'support'], requestId: 'req-1' });
    const anonymous = await minterAt(now).mint({ audience: 'orders', userId: null, roles: [] });
    expect(await verifierFor('orders', now).verify(anonymous)).toEqual({ userId: null, roles: [] });
  });

  it('signs the client IP in as cip; tokens for different IPs are never shared', async () => {
    const { now } = clock();
    const minter = minterAt(now);
    const fromA = await minter.mint({ ...user, clientIp: '203.0.113.7' });
    expect(decodeJwt(fromA)).toMatchObject({ cip: '203.0.113.7' });
    expect(await verifierFor('orders', now).verify(fromA)).toEqual({ userId: 'user-1', roles: ['customer'], clientIp: '203.0.113.7' });
    expect(await minter.mint({ ...user, clientIp: '203.0.113.7' })).toBe(fromA);
    const fromB = await minter.mint({ ...user, clientIp: '2001:db8::1' });
    expect(await verifierFor('orders', now).verify(fromB)).toEqual({ userId: 'user-1', roles: ['customer'], clientIp: '2001:db8::1' });
    await expect(minter.mint({ ...user, clientIp: '' })).rejects.toThrow(/clientIp/);
  });

  it("signs a guest's key in as gst; tokens for different guests are never shared", async () => {
    const { now } = clock();
    const minter = minterAt(now);
    const anonymous = { audience: 'orders', userId: null, roles: [] };
    const guestA = await minter.mint({ ...anonymous, guestKey: 'key-a' });
    expect(decodeJwt(guestA)).toMatchObject({ gst: 'key-a' });
    expect(await verifierFor('orders', now).verify(guestA)).toEqual({ userId: null, roles: [], guestKey: 'key-a' });
    expect(await minter.mint({ ...anonymous, guestKey: 'key-a' })).toBe(guestA);
    const guestB = await minter.mint({ ...anonymous, guestKey: 'key-b' });
    expect(guestB).not.toBe(guestA);
    expect(await verifierFor('orders', now).verify(guestB)).toEqual({ userId: null, roles: [], guestKey: 'key-b' });
    expect(await verifierFor('orders', now).verify(await minter.mint(anonymous))).toEqual({ userId: null, roles: [] });
    await expect(minter.mint({ ...anonymous, guestKey: '' })).rejects.toThrow(/guestKey/);
  });

  it('rejects a token minted for another subgraph', async () => {
    const { now } = clock();
    const token = await minterAt(now).mint(user);
    await expectAuthError(verifierFor('payments', now).verify(token), 'TOKEN_INVALID', /unexpected "aud"/);
  });

  it('rejects an expired token (ttl 60 s + 5 s tolerance, exactly)', async () => {
    const { now, set } = clock();
    const token = await minterAt(now).mint(user);
    set(T + 64_000);
    expect((await verifierFor('orders', now).verify(token)).userId).toBe('user-1');
    set(T + 65_000);
    await expectAuthError(verifierFor('orders', now).verify(token), 'TOKEN_EXPIRED', /ERR_JWT_EXPIRED/);
  });

  it('checks the time window of a token it verified before: exp and nbf, with the tolerance, exactly', async () => {
    const { now, set } = clock();
    const verifier = verifierFor('orders', now);
    const token = await minterAt(now).mint(user);
    expect((await verifier.verify(token)).userId).toBe('user-1');
    set(T + 64_999);
    expect((await verifier.verify(token)).userId).toBe('user-1');
    set(T + 65_000);
    await expectAuthError(verifier.verify(token), 'TOKEN_EXPIRED', /ERR_JWT_EXPIRED/);
    await expectAuthError(verifier.verify(token), 'TOKEN_EXPIRED', /ERR_JWT_EXPIRED/);

    const privateKey = await importPKCS8(pair.privateKey, 'EdDSA');
    const later = await new SignJWT({ roles: [], aud: 'orders', iss: 'router', nbf: T_SECONDS + 10, exp: T_SECONDS + 60 })
      .setProtectedHeader({ alg: 'EdDSA' })
      .sign(privateKey);
    set(T + 5_000);
    expect(await verifier.verify(later)).toEqual({ userId: null, roles: [] });
    set(T + 4_999);
    await expectAuthError(verifier.verify(later), 'TOKEN_INVALID', /"nbf" claim timestamp check failed/);
  });

  it("never lets a remembered token vouch for another text or leak a caller's changes", async () => {
    const { now } = clock();
    const verifier = verifierFor('orders', now);
    const token = await minterAt(now).mint(user);
    const first = await verifier.verify(token);
    first.roles.push('admin');
    expect(await verifier.verify(token)).toEqual({ userId: 'user-1', roles: ['customer'] });
    const [header, , signature] = token.split('.') as [string, string, string];
    const forgedPayload = Buffer.from(JSON.stringify({ ...decodeJwt(token), roles: ['admin'] })).toString('base64url');
    await expectAuthError(verifier.verify(`${header}.${forgedPayload}.${signature}`), 'TOKEN_INVALID', /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/);
    await expectAuthError(verifierFor('payments', now).verify(token), 'TOKEN_INVALID', /unexpected "aud"/);
  });

  it('rejects tokens signed by another key, with another algorithm, or without iss', async () => {
    const { now } = clock();
    const token = await minterAt(now).mint(user);
    await expectAuthError(verifierFor('orders', now, otherPair.publicKey).verify(token), 'TOKEN_INVALID', /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/);

    const claims: JWTPayload = { roles: [], aud: 'orders', iss: 'router', iat: T_SECONDS, exp: T_SECONDS + 60 };
    const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const es256 = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).sign(ecKey);
    await expectAuthError(verifierFor('orders', now).verify(es256), 'TOKEN_INVALID', /ERR_JOSE_ALG_NOT_ALLOWED/);

    const privateKey = await importPKCS8(pair.privateKey, 'EdDSA');
    const noIss = await new SignJWT({ ...claims, iss: undefined }).setProtectedHeader({ alg: 'EdDSA' }).sign(privateKey);
    await expectAuthError(verifierFor('orders', now).verify(noIss), 'TOKEN_INVALID', /missing required "iss"/);
  });

  it('reuses a minted token for half its ttl, then mints a new one', async () => {
    const { now, set } = clock();
    const minter = minterAt(now);
    const first = await minter.mint(user);
    // 29.999 s later a fresh signature would carry a different iat, so equality proves reuse.
    set(T + 29_999);
    expect(await minter.mint(user)).toBe(first);
    expect(await minter.mint({ ...user, roles: ['customer', 'customer'] })).toBe(first);
    expect(await minter.mint({ ...user, audience: 'payments' })).not.toBe(first);
    expect(await minter.mint({ ...user, userId: 'user-2' })).not.toBe(first);
    expect(await minter.mint({ ...user, requestId: 'req-9' })).not.toBe(first);
    set(T + 30_000);
    const renewed = await minter.mint(user);
    expect(renewed).not.toBe(first);
    expect(decodeJwt(renewed).iat).toBe(T_SECONDS + 30);
    set(T + 30_001);
    expect(await minter.mint(user)).toBe(renewed);
  });

  it('normalizes role order so equal role sets share one token', async () => {
    const { now } = clock();
    const minter = minterAt(now);
    expect(await minter.mint({ ...user, roles: ['b', 'a'] })).toBe(await minter.mint({ ...user, roles: ['a', 'b'] }));
  });

  it('accepts JWK keys as well as PEM', async () => {
    const { now } = clock();
    const privateJwk = await exportJWK(await importPKCS8(pair.privateKey, 'EdDSA', { extractable: true }));
    const publicJwk = await exportJWK(await importSPKI(pair.publicKey, 'EdDSA', { extractable: true }));
    const token = await createInternalTokenMinter({ privateKey: privateJwk, now }).mint(user);
    const verified = await createInternalTokenVerifier({ publicKey: publicJwk, audience: 'orders', now }).verify(token);
    expect(verified).toEqual({ userId: 'user-1', roles: ['customer'] });
  });

  it('fails loudly on bad keys and options', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsaPem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => createInternalTokenMinter({ privateKey: pair.publicKey })).toThrow(/"privateKey" must be an Ed25519 private key/);
    expect(() => createInternalTokenMinter({ privateKey: rsaPem })).toThrow(/"privateKey" must be an Ed25519 private key, got rsa/);
    expect(() => createInternalTokenMinter({ privateKey: 'not a key' })).toThrow(/"privateKey" must be an Ed25519 private key/);
    expect(() => createInternalTokenMinter({ privateKey: pair.privateKey, ttlSeconds: 1 })).toThrow(/"ttlSeconds" must be an integer from 2 to 3600/);
    expect(() => createInternalTokenVerifier({ publicKey: pair.privateKey, audience: 'orders' })).toThrow(/PRIVATE key/);
    expect(() => createInternalTokenVerifier({ publicKey: pair.publicKey, audience: '' })).toThrow(/"audience" must be a non-empty string/);
    expect(() => createInternalTokenVerifier({ publicKey: pair.publicKey, audience: 'orders', maxVerifiedTokens: 0 })).toThrow(
      /"maxVerifiedTokens" must be an integer from 1/,
    );
  });
});
