import { describe, expect, it } from 'vitest';
import { averageRating } from './rating-summary';

describe('averageRating', () => {
  it('is null without reviews', () => {
    expect(averageRating(0, 0)).toBeNull();
  });

  it.each([
    [13, 3, 4.33],
    [8, 2, 4],
    [5, 1, 5],
    [14, 3, 4.67],
    [9, 8, 1.13],
    [1, 3, 0.33],
    [23, 7, 3.29],
  ])('sum %i over %i reviews is %f', (sum, count, expected) => {
    expect(averageRating(sum, count)).toBe(expected);
  });
});
