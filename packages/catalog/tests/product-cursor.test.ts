import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InvalidCursorError, type Product } from '../src';
import { cursorFor, decodeCursor, encodeCursor, sortKeyOf } from '../src/product-cursor';

const id = randomUUID();
const product: Product = {
  id,
  sku: 'SKU-1',
  slug: 'tee',
  name: 'Ünïcode Tee',
  description: '',
  price: { amount: 1299, currency: 'EUR' },
  categoryId: randomUUID(),
  images: [],
  attributes: [],
  published: true,
  options: [],
  variants: [
    { id, sku: 'SKU-1', optionValueIds: [], price: { amount: 1299, currency: 'EUR' }, compareAtPrice: null, images: [], published: true, weightGrams: null },
  ],
  createdAt: new Date('2030-01-02T03:04:05.678Z'),
  updatedAt: new Date('2030-01-02T03:04:05.678Z'),
  version: 1,
};
const raw = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');

describe('product cursors', () => {
  it.each([
    ['NEWEST', Date.parse('2030-01-02T03:04:05.678Z')],
    ['PRICE_ASC', 1299],
    ['PRICE_DESC', 1299],
    ['NAME_ASC', 'ünïcode tee'],
  ] as const)('round-trips the %s sort key and id', (sort, key) => {
    expect(sortKeyOf(product, sort)).toEqual(key);
    const cursor = cursorFor(product, sort);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, sort)).toEqual({ sort, key, id });
  });

  it('is opaque base64url of a versioned payload', () => {
    const cursor = encodeCursor({ sort: 'PRICE_ASC', key: 5, id });
    expect(JSON.parse(Buffer.from(cursor, 'base64url').toString())).toEqual({ v: 1, s: 'PRICE_ASC', k: 5, i: id });
  });

  it('normalizes an upper-case id', () => {
    expect(decodeCursor(raw({ v: 1, s: 'PRICE_ASC', k: 5, i: id.toUpperCase() }), 'PRICE_ASC').id).toBe(id);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc+/='],
    ['too long', 'A'.repeat(2000)],
    ['not JSON', Buffer.from('{nope').toString('base64url')],
    ['JSON null', raw(null)],
    ['unknown version', raw({ v: 2, s: 'PRICE_ASC', k: 5, i: id })],
    ['unknown sort', raw({ v: 1, s: 'RANDOM', k: 5, i: id })],
    ['string key for a price sort', raw({ v: 1, s: 'PRICE_ASC', k: '5', i: id })],
    ['fractional price key', raw({ v: 1, s: 'PRICE_ASC', k: 5.5, i: id })],
    ['negative key', raw({ v: 1, s: 'NEWEST', k: -1, i: id })],
    ['number key for the name sort', raw({ v: 1, s: 'NAME_ASC', k: 5, i: id })],
    ['id that is not a UUID', raw({ v: 1, s: 'PRICE_ASC', k: 5, i: "x' or 1=1" })],
    ['extra fields', raw({ v: 1, s: 'PRICE_ASC', k: 5, i: id, $where: 'sleep(1000)' })],
  ])('rejects a cursor that is %s', (_reason, cursor) => {
    expect(() => decodeCursor(cursor, 'PRICE_ASC')).toThrow(InvalidCursorError);
  });

  it('rejects a cursor issued for another sort order', () => {
    const cursor = cursorFor(product, 'PRICE_ASC');
    expect(() => decodeCursor(cursor, 'PRICE_DESC')).toThrow(/issued for sort PRICE_ASC, not PRICE_DESC/);
  });

  it('gives the error a stable code', () => {
    try {
      decodeCursor('!', 'NEWEST');
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_CURSOR', name: 'InvalidCursorError' });
      return;
    }
    expect.unreachable();
  });
});
