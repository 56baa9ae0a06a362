import { hash, parseOptions, verify } from '@node-rs/argon2';
import type { Options } from '@node-rs/argon2';
import { COMMON_PASSWORDS } from './common-passwords.js';

/**
 * OWASP Password Storage Cheat Sheet, argon2id tier "m=19456 (19 MiB), t=2, p=1". Changing any
 * of these makes `needsRehash` true for older hashes, so users are upgraded at their next login.
 * `algorithm: 2` is `Algorithm.Argon2id`: the package's const enum cannot be read under
 * `isolatedModules`.
 */
export const PASSWORD_HASH_OPTIONS = {
  algorithm: 2,
  version: 1, // Version.V0x13, the current argon2 version
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const satisfies Options;

export const PASSWORD_MIN_LENGTH = 10;
/** Room for passphrases and password managers while keeping every accepted password reasonable to hash. */
export const PASSWORD_MAX_LENGTH = 128;

/**
 * NFKC so the same password typed on different keyboards/OSes (composed vs. decomposed accents,
 * full-width digits) hashes identically, as NIST SP 800-63B recommends.
 */
const normalize = (plain: string): string => plain.normalize('NFKC');

/** Hashes a password into a self-describing PHC string (`$argon2id$v=19$m=19456,t=2,p=1$...`). */
export function hashPassword(plain: string): Promise<string> {
  if (typeof plain !== 'string' || plain.length === 0) throw new TypeError('hashPassword: password must be a non-empty string');
  return hash(normalize(plain), PASSWORD_HASH_OPTIONS);
}

/**
 * True when `plain` matches `hash` (constant-time inside argon2). A malformed stored hash
 * throws instead of answering false: it is corrupt data to fix, not a wrong password.
 */
export function verifyPassword(storedHash: string, plain: string): Promise<boolean> {
  return verify(storedHash, normalize(plain));
}

/** True when `storedHash` was made with other parameters than today's; rehash after a successful login. */
export function needsRehash(storedHash: string): boolean {
  let used;
  try {
    used = parseOptions(storedHash);
  } catch {
    return true; // not an argon2 PHC string at all (e.g. an imported legacy hash)
  }
  const want = PASSWORD_HASH_OPTIONS;
  return (
    used.algorithm !== want.algorithm ||
    used.version !== want.version ||
    used.memoryCost !== want.memoryCost ||
    used.timeCost !== want.timeCost ||
    used.parallelism !== want.parallelism ||
    used.outputLen !== want.outputLen
  );
}

const CHARACTER_CLASSES: ReadonlyArray<[name: string, pattern: RegExp]> = [
  ['lowercase letters', /\p{Ll}/u],
  ['uppercase letters', /\p{Lu}/u],
  ['digits', /\p{N}/u],
];

/** Which class a character belongs to; everything else (symbols, spaces, other scripts) is one class. */
function classOf(character: string): string {
  return CHARACTER_CLASSES.find(([, pattern]) => pattern.test(character))?.[0] ?? 'symbols or other characters';
}

/**
 * Human-readable reasons to refuse a new password; empty when it is acceptable. Length counts
 * characters as users see them (code points), not UTF-16 units.
 */
export function passwordProblems(plain: string): string[] {
  const characters = [...normalize(plain)];
  const problems: string[] = [];
  if (characters.length < PASSWORD_MIN_LENGTH) problems.push(`Use at least ${PASSWORD_MIN_LENGTH} characters.`);
  if (characters.length > PASSWORD_MAX_LENGTH) problems.push(`Use at most ${PASSWORD_MAX_LENGTH} characters.`);
  const classes = new Set(characters.map(classOf));
  const [onlyClass] = classes;
  if (classes.size === 1 && onlyClass !== undefined) {
    problems.push(`Mix different kinds of characters; this uses only ${onlyClass}.`);
  }
  if (COMMON_PASSWORDS.has(characters.join('').toLowerCase())) {
    problems.push('This is one of the most commonly used passwords; choose another.');
  }
  return problems;
}
