import { describe, expect, it } from 'vitest';
import { carrierCode, newTrackingNumber } from './tracking-number';

describe('tracking numbers', () => {
  it('prefix the carrier code: upper case letters and digits, at most 6', () => {
    expect(carrierCode('DHL')).toBe('DHL');
    expect(carrierCode('La Poste Colissimo')).toBe('LAPOST');
    expect(carrierCode('ups')).toBe('UPS');
    expect(carrierCode('Österreichische Post')).toBe('OSTERR');
    expect(carrierCode('***')).toBe('SHIP');
  });

  it('end in 12 Crockford base32 characters drawn from the random source', () => {
    expect(newTrackingNumber('DHL', (size) => Buffer.alloc(size, 0))).toBe('DHL-000000000000');
    expect(newTrackingNumber('dhl', (size) => Buffer.from(Array.from({ length: size }, (_, i) => i + 20)))).toBe('DHL-MNPQRSTVWXYZ');
    expect(newTrackingNumber('UPS')).toMatch(/^UPS-[0-9A-HJKMNP-TV-Z]{12}$/);
  });

  it('do not repeat', () => {
    const numbers = new Set(Array.from({ length: 10_000 }, () => newTrackingNumber('DHL')));
    expect(numbers.size).toBe(10_000);
  });
});
