/** What resolvers return for each GraphQL type (codegen maps `<Name>` to `<Name>Model`). */
export type { ReviewRecord as ReviewModel } from './stores/review.store';
export type { ReviewConnectionModel } from './services/connection';
export type { AddReviewResult as ReviewPayloadModel, DeleteReviewResult as DeleteReviewPayloadModel } from './services/review.service';

/** Entities owned elsewhere: ratings only ever holds their id. */
export interface ProductModel {
  id: string;
}
export interface UserModel {
  id: string;
}
