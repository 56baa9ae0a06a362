import { describe, expect, it } from 'vitest';
import { VerifiedTokens } from '../src/verified-tokens.js';

const identity = { userId: 'user-1', roles: ['customer'] };

describe('VerifiedTokens', () => {
  it('answers for a token inside its window (tolerance included) and forgets it after', () => {
    const tokens = new VerifiedTokens(10, 5);
    tokens.add('a', identity, 100, 90);
    expect(tokens.get('a', 85_000)).toEqual(identity);
    expect(tokens.get('a', 84_999)).toBeUndefined();
    tokens.add('a', identity, 100, 90);
    expect(tokens.get('a', 104_999)).toEqual(identity);
    expect(tokens.get('a', 105_000)).toBeUndefined();
    expect(tokens.get('a', 100_000)).toBeUndefined();
    expect(tokens.get('b', 100_000)).toBeUndefined();
  });

  it('keeps at most its bound, dropping the oldest first', () => {
    const tokens = new VerifiedTokens(2, 0);
    tokens.add('a', identity, 100, undefined);
    tokens.add('b', { userId: null, roles: [] }, 100, undefined);
    tokens.add('c', identity, 100, undefined);
    expect([tokens.get('a', 0), tokens.get('b', 0), tokens.get('c', 0)]).toEqual([undefined, { userId: null, roles: [] }, identity]);
  });
});
