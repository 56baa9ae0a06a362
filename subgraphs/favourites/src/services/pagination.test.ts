import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageSize, toPage } from './pagination';

describe('wishlist pagination', () => {
  it('round-trips cursors and rejects forged ones', () => {
    expect(decodeCursor(encodeCursor(42))).toBe(42);
    expect(decodeCursor(null)).toBeNull();
    for (const bad of ['', 'abc', Buffer.from('wishlist:-1').toString('base64url'), Buffer.from('other:1').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow('after is not a valid cursor');
    }
  });

  it('defaults the page size to 20 and bounds it to 0..100', () => {
    expect([pageSize(undefined), pageSize(null), pageSize(0), pageSize(100)]).toEqual([20, 20, 0, 100]);
    expect(() => pageSize(101)).toThrow('first must be between 0 and 100');
  });

  it('uses the extra row only to tell that more follow', () => {
    const page = toPage([{ seq: 3 }, { seq: 2 }, { seq: 1 }], 2, 7, null);
    expect(page.edges.map((edge) => edge.node.seq)).toEqual([3, 2]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: encodeCursor(3), endCursor: encodeCursor(2) });
    expect(page.totalCount).toBe(7);
  });
});
