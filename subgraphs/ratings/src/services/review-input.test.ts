import { describe, expect, it } from 'vitest';
import { validateReview } from './review-input';

const valid = { productId: ' p-1 ', rating: 4, title: '  Solid  ', body: ' Works well. ' };

describe('validateReview', () => {
  it('trims and accepts a valid review, an empty body included', () => {
    expect(validateReview(valid)).toEqual({ review: { productId: 'p-1', rating: 4, title: 'Solid', body: 'Works well.' } });
    expect(validateReview({ ...valid, body: '' })).toEqual({ review: { productId: 'p-1', rating: 4, title: 'Solid', body: '' } });
  });

  it('counts characters, not UTF-16 units, at the limits', () => {
    expect(validateReview({ ...valid, title: '😀'.repeat(120), body: '😀'.repeat(5000) })).toHaveProperty('review');
  });

  it('reports every invalid field with its code', () => {
    expect(validateReview({ ...valid, rating: 6, title: '   ', body: 'x'.repeat(5001) })).toEqual({
      errors: [
        { code: 'INVALID_RATING', field: 'rating', message: 'Rating must be a whole number of stars from 1 to 5' },
        { code: 'INVALID_TITLE', field: 'title', message: 'Title must be 1 to 120 characters' },
        { code: 'INVALID_BODY', field: 'body', message: 'Body must be at most 5000 characters' },
      ],
    });
  });

  it.each([0, -1, 6, 4.5])('refuses rating %d', (rating) => {
    expect(validateReview({ ...valid, rating })).toEqual({ errors: [expect.objectContaining({ code: 'INVALID_RATING' })] });
  });

  it('refuses a title of 121 characters', () => {
    expect(validateReview({ ...valid, title: 'x'.repeat(121) })).toEqual({ errors: [expect.objectContaining({ code: 'INVALID_TITLE' })] });
  });
});
