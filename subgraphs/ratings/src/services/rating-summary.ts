/**
 * The mean of a product's ratings rounded to 2 decimals (4.33 for 5, 4, 4), or null without
 * reviews. Computed from the integer sum and count, so repeated adds and deletes never drift.
 */
export function averageRating(ratingSum: number, reviewCount: number): number | null {
  if (reviewCount <= 0) return null;
  return Math.round((ratingSum * 100) / reviewCount) / 100;
}
