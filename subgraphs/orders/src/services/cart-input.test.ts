import { describe, expect, it } from 'vitest';
import { parseAddress, parseCouponCode } from './cart-input';

describe('parseAddress', () => {
  it('trims, nulls empty optionals and upper-cases the country', () => {
    expect(parseAddress({ name: ' A ', line1: 'L', line2: ' ', city: 'C', postalCode: 'P', country: 'de' })).toEqual({
      address: { name: 'A', line1: 'L', line2: null, city: 'C', region: null, postalCode: 'P', country: 'DE' },
    });
  });

  it('reports each field at fault once', () => {
    const result = parseAddress({ name: '', line1: '', city: 'C', postalCode: 'P', country: 'DEU' });
    expect('errors' in result && result.errors.map((error) => [error.code, error.field])).toEqual([
      ['INVALID_ADDRESS', 'name'],
      ['INVALID_ADDRESS', 'line1'],
      ['INVALID_ADDRESS', 'country'],
    ]);
  });
});

describe('parseCouponCode', () => {
  it('accepts letters, digits, dash and underscore, upper-cased', () => {
    expect(parseCouponCode(' summer_sale-10 ')).toEqual({ code: 'SUMMER_SALE-10' });
  });

  it.each(['', ' ', 'TEN %', 'X'.repeat(41)])('refuses %j', (code) => {
    expect(parseCouponCode(code)).toMatchObject({ errors: [{ code: 'INVALID_COUPON_CODE', field: 'code' }] });
  });
});
