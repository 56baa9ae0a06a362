import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';

describe('review cursors', () => {
  it('round-trip the position for the order they were made for', () => {
    const cursor = encodeCursor('HIGHEST_RATING', { rating: 4, seq: 1234 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('HIGHEST_RATING', cursor)).toEqual({ rating: 4, seq: 1234 });
  });

  it.each([
    ['another order', encodeCursor('NEWEST', { rating: 4, seq: 1 })],
    ['garbage', 'not-a-cursor'],
    ['JSON of the wrong shape', Buffer.from('{"o":"OLDEST","r":9,"s":1}').toString('base64url')],
    ['an empty string', ''],
  ])('refuse %s with BAD_USER_INPUT', (_what, cursor) => {
    expect(() => decodeCursor('OLDEST', cursor)).toThrow(expect.objectContaining({ extensions: { argument: 'after', code: 'BAD_USER_INPUT' } }));
  });
});
