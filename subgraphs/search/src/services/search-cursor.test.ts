import { describe, expect, it } from 'vitest';
import { normalizeSearch } from './search-input';
import { decodeCursor, encodeCursor } from './search-cursor';

const relevance = normalizeSearch({ text: 'jacket' });
const byPrice = normalizeSearch({ text: 'jacket', sort: 'PRICE_ASC' });
const rejects = (after: string, query = relevance) => expect(() => decodeCursor(after, query)).toThrow(/after/);

describe('search cursors', () => {
  it('round-trips offsets and keyset positions for the same search', () => {
    expect(decodeCursor(encodeCursor(relevance, { offset: 20 }), relevance)).toEqual({ offset: 20 });
    expect(decodeCursor(encodeCursor(byPrice, { key: [1999, 'p-1'] }), byPrice)).toEqual({ key: [1999, 'p-1'] });
    expect(decodeCursor(null, relevance)).toBeNull();
  });

  it('rejects garbage, forged and foreign cursors', () => {
    rejects('nope');
    rejects(Buffer.from('{"f":1}').toString('base64url'));
    rejects(encodeCursor(relevance, { offset: 20 }), normalizeSearch({ text: 'coat' }));
    rejects(encodeCursor(relevance, { offset: 20 }), byPrice);
    rejects(encodeCursor(relevance, { offset: 1001 }));
    rejects(encodeCursor(byPrice, { key: ['cheap', 'p-1'] }), byPrice);
    rejects(encodeCursor(relevance, { key: [1, 'p'] }));
  });
});
