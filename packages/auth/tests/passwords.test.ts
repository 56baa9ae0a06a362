import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, passwordProblems, verifyPassword } from '../src/passwords.js';

describe('password hashing', () => {
  it('hashes with argon2id at the OWASP tier and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse 9 battery');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword(stored, 'correct horse 9 battery')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse 9 batterY')).toBe(false);
    expect(await verifyPassword(stored, '')).toBe(false);
    expect(await hashPassword('correct horse 9 battery')).not.toBe(stored); // fresh salt each time
  });

  it('treats canonically equivalent Unicode spellings as the same password (NFKC)', async () => {
    const stored = await hashPassword('caf\u00e9 au lait 42');
    expect(await verifyPassword(stored, 'cafe\u0301 au lait 42')).toBe(true);
  });

  it('refuses to answer for a corrupt stored hash', async () => {
    await expect(verifyPassword('$argon2id$garbage', 'whatever')).rejects.toThrow();
  });

  it('needsRehash only when parameters differ from the current policy', async () => {
    expect(needsRehash(await hashPassword('some password 1'))).toBe(false);
    const weaker = await hash('some password 1', { algorithm: 2, memoryCost: 4096, timeCost: 3, parallelism: 1 });
    expect(needsRehash(weaker)).toBe(true);
    const argon2i = await hash('some password 1', { algorithm: 1, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(needsRehash(argon2i)).toBe(true);
    expect(needsRehash('$2b$12$legacyBcryptHashxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')).toBe(true);
  });
});

describe('passwordProblems', () => {
  const MIX = 'Mix different kinds of characters; this uses only';
  const COMMON = 'This is one of the most commonly used passwords; choose another.';

  it.each([
    ['correct horse 9 battery', []],
    ['Tr0ub4dor&3x', []],
    ['short1A', ['Use at least 10 characters.']],
    ['aB3'.repeat(43), ['Use at most 128 characters.']],
    ['abcdefghijk', [`${MIX} lowercase letters.`]],
    ['ABCDEFGHIJK', [`${MIX} uppercase letters.`]],
    ['!@#$%^&*()_+', [`${MIX} symbols or other characters.`]],
    ['1234567890', [`${MIX} digits.`, COMMON]],
    ['Password123', [COMMON]],
    ['Qwertyuiop', [COMMON]], // the list is matched case-insensitively
    ['😀'.repeat(5) + 'a', ['Use at least 10 characters.']], // 11 UTF-16 units but 6 characters
    ['', ['Use at least 10 characters.']],
  ])('%j -> %j', (plain, expected) => {
    expect(passwordProblems(plain)).toEqual(expected);
  });
});
