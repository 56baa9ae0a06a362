import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashRefreshToken, newRefreshToken, refreshTokenHashesEqual } from '../src/refresh-tokens.js';

describe('refresh tokens', () => {
  it('are 32 random bytes in base64url, stored as their SHA-256 hex', () => {
    const { token, hash } = newRefreshToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(hashRefreshToken(token)).toBe(hash);
    expect(newRefreshToken().token).not.toBe(token);
  });

  it('hashes with SHA-256 (FIPS 180-2 test vector)', () => {
    expect(hashRefreshToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(() => hashRefreshToken('')).toThrow(/non-empty string/);
  });

  it('compares hashes in constant time, unequal on any difference', () => {
    const { hash } = newRefreshToken();
    expect(refreshTokenHashesEqual(hash, hash)).toBe(true);
    expect(refreshTokenHashesEqual(hash, `${hash.slice(0, -1)}${hash.endsWith('0') ? '1' : '0'}`)).toBe(false);
    expect(refreshTokenHashesEqual(hash, hash.slice(0, -1))).toBe(false);
  });
});
