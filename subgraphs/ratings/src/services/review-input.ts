import type { PayloadFailure } from '@shop/subgraph-kit';
/** Mirrors the schema's `ReviewErrorCode`: expected failures are data, not exceptions. */
export type ReviewErrorCode = 'INVALID_RATING' | 'INVALID_TITLE' | 'INVALID_BODY' | 'UNKNOWN_PRODUCT' | 'ALREADY_REVIEWED';

export type ReviewFailure = PayloadFailure<ReviewErrorCode>;

export const MAX_TITLE_LENGTH = 120;
export const MAX_BODY_LENGTH = 5000;

export interface ReviewInput {
  productId: string;
  rating: number;
  title: string;
  body: string;
}

export const failure = (code: ReviewErrorCode, message: string, field: string | null = null): ReviewFailure => ({ code, field, message });

/** Characters as people count them (code points), so an emoji is one character, not two. */
const length = (text: string) => [...text].length;

/** Checks every field and reports every problem at once; returns the trimmed input when valid. */
export function validateReview(input: ReviewInput): { review: ReviewInput } | { errors: ReviewFailure[] } {
  const errors: ReviewFailure[] = [];
  const title = input.title.trim();
  const body = input.body.trim();
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) {
    errors.push(failure('INVALID_RATING', 'Rating must be a whole number of stars from 1 to 5', 'rating'));
  }
  if (length(title) < 1 || length(title) > MAX_TITLE_LENGTH) {
    errors.push(failure('INVALID_TITLE', `Title must be 1 to ${MAX_TITLE_LENGTH} characters`, 'title'));
  }
  if (length(body) > MAX_BODY_LENGTH) errors.push(failure('INVALID_BODY', `Body must be at most ${MAX_BODY_LENGTH} characters`, 'body'));
  return errors.length > 0 ? { errors } : { review: { productId: input.productId.trim(), rating: input.rating, title, body } };
}
