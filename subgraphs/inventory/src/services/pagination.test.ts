import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageSize } from './pagination';

describe('ledger pagination', () => {
  it('round-trips cursors and rejects anything else with BAD_USER_INPUT', () => {
    expect(decodeCursor(encodeCursor(42))).toBe(42);
    expect(decodeCursor(null)).toBeNull();
    for (const bad of ['', 'abc', Buffer.from('movement:-1').toString('base64url'), Buffer.from('wishlist:1').toString('base64url')]) {
      expect(() => decodeCursor(bad)).toThrow(expect.objectContaining({ message: 'after is not a valid cursor', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    }
  });

  it('defaults to 20 and allows 0 to 100', () => {
    expect([pageSize(undefined), pageSize(null), pageSize(0), pageSize(100)]).toEqual([20, 20, 0, 100]);
    expect(() => pageSize(101)).toThrow('first must be between 0 and 100');
    expect(() => pageSize(-1)).toThrow('first must be between 0 and 100');
  });
});
