import { createHash } from 'node:crypto';
import type { Executor } from '@shop/db';
import type { IdempotencyStore, StoredOutcome } from '../stores/idempotency.store';

/**
 * What one idempotent step produced. `final` outcomes are recorded against the key and replayed;
 * non-final ones (retryable provider errors, unknown payment) leave the key open for a retry.
 */
export interface StepOutcome {
  outcome: StoredOutcome;
  final: boolean;
  /** The step wrote the final outcome itself, in the statement of its ledger entry (`completion`). */
  recorded?: boolean;
}

/** A stable digest of an operation and its parameters (callers never pass a full card number). */
export const fingerprint = (operation: string, params: Record<string, unknown>): string =>
  createHash('sha256')
    .update(JSON.stringify([operation, Object.entries(params).sort(([a], [b]) => a.localeCompare(b))]))
    .digest('hex');

/**
 * Runs `step` at most once per key to a final outcome, inside `tx`. The key row stays locked until
 * commit, so concurrent calls with one key queue up and replay the first outcome instead of
 * calling the provider again. The provider call therefore happens inside the transaction: a
 * deliberate trade (a connection held for the provider's latency) for exactly-once charging.
 * Answers whether the outcome is final (recorded or replayed) or may change on a retry.
 */
export async function runIdempotent(keys: IdempotencyStore, tx: Executor, key: string, print: string, step: () => Promise<StepOutcome>): Promise<StepOutcome> {
  const claimed = await keys.claim(key, print, tx);
  if (claimed.fingerprint !== print) {
    const error = { code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey', message: 'This idempotency key was used with other parameters' };
    return { outcome: { paymentId: null, error }, final: true };
  }
  if (claimed.outcome) return { outcome: claimed.outcome, final: true };
  const result = await step();
  if (result.final && !result.recorded) await keys.complete(key, result.outcome, tx);
  return result;
}
