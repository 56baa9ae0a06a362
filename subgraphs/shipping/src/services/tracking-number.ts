import { randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a number read out over the phone cannot be misheard.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_LENGTH = 12;

/** The carrier's code: its name upper-cased, letters and digits only, at most 6; `SHIP` when nothing is left. */
export function carrierCode(carrier: string): string {
  const code = carrier
    .normalize('NFKD')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 6);
  return code || 'SHIP';
}

/**
 * A new tracking number, `<carrier code>-<12 random base32 characters>` (60 random bits), e.g.
 * `DHL-7K2M9Q4X1B3C`. The database's unique constraint is the guarantee; a collision makes the
 * creating transaction fail, and the redelivered event draws a new number.
 */
export function newTrackingNumber(carrier: string, random: (size: number) => Buffer = randomBytes): string {
  const bytes = random(RANDOM_LENGTH);
  let suffix = '';
  for (const byte of bytes) suffix += alphabet[byte & 31];
  return `${carrierCode(carrier)}-${suffix}`;
}
