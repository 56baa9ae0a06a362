import { describe, expect, it } from 'vitest';
import { countryCursor, pageSize, sequenceCursor } from './connection';

const invalid = expect.objectContaining({ message: 'after is not a valid cursor', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) });

describe('pageSize', () => {
  it('defaults to 20 and allows 0 to 100', () => {
    expect([pageSize(undefined), pageSize(null), pageSize(0), pageSize(100)]).toEqual([20, 20, 0, 100]);
    expect(() => pageSize(101)).toThrow('first must be between 0 and 100');
    expect(() => pageSize(-1)).toThrow('first must be between 0 and 100');
  });
});

describe('sequenceCursor', () => {
  const cursor = sequenceCursor('movement');

  it('round-trips cursors and rejects forged ones and other names with BAD_USER_INPUT', () => {
    expect(cursor.decode(cursor.encode(42))).toBe(42);
    expect(cursor.decode(null)).toBeNull();
    for (const bad of ['', 'abc', Buffer.from('movement:-1').toString('base64url'), Buffer.from('wishlist:1').toString('base64url')]) {
      expect(() => cursor.decode(bad)).toThrow(invalid);
    }
  });

  it('uses the extra row only to tell that more follow', () => {
    const page = cursor.toPage([{ seq: 3 }, { seq: 2 }, { seq: 1 }], 2, 7, null);
    expect(page.edges.map((edge) => edge.node.seq)).toEqual([3, 2]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: cursor.encode(3), endCursor: cursor.encode(2) });
    expect(page.totalCount).toBe(7);
    expect(cursor.toPage([{ seq: 1 }], 2, 7, 2).pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });
});

describe('countryCursor', () => {
  const cursor = countryCursor('taxrate');

  it('round-trips (country, seq) and rejects anything else with BAD_USER_INPUT', () => {
    expect(cursor.decode(cursor.encode({ country: 'DE', seq: 7 }))).toEqual({ country: 'DE', seq: 7 });
    expect(Buffer.from(cursor.encode({ country: 'DE', seq: 7 }), 'base64url').toString()).toBe('taxrate:DE:7');
    expect(cursor.decode(undefined)).toBeNull();
    for (const bad of ['', Buffer.from('taxrate:de:1').toString('base64url'), Buffer.from('shippingrate:DE:1').toString('base64url')]) {
      expect(() => cursor.decode(bad)).toThrow(invalid);
    }
  });

  it('builds a connection whose cursors name each row', () => {
    const page = cursor.toPage(
      [
        { country: 'AT', seq: 1 },
        { country: 'DE', seq: 2 },
      ],
      1,
      2,
      null,
    );
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: cursor.encode({ country: 'AT', seq: 1 }),
      endCursor: cursor.encode({ country: 'AT', seq: 1 }),
    });
  });
});
