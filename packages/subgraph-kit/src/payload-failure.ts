/**
 * An expected business failure as the schema's payload types carry it (`errors: [XError!]!`):
 * a stable `code` clients switch on, the input `field` at fault (null when none is) and a
 * message for people. Subgraphs narrow `Code` to their schema's error-code enum and may add
 * fields (`retryable`, `retryAfterSeconds`) by extending it.
 */
export interface PayloadFailure<Code extends string = string> {
  code: Code;
  field: string | null;
  message: string;
}
