import type { Executor } from '@shop/db';

/**
 * The drizzle sessions (one per transaction, shared by its savepoints) that recorded an event.
 * Kept by the session object rather than in an AsyncLocalStorage: on Node 20 a storage in use
 * installs promise hooks, a cost on every promise of the process.
 */
const written = new WeakSet<object>();

const sessionOf = (executor: Executor): object => (executor as unknown as { session?: object }).session ?? executor;

/** Records that `tx` wrote outbox rows (`appendToOutbox`, `appendAllToOutbox`, or a producer's own statement). */
export function noteOutboxWrite(tx: Executor): void {
  written.add(sessionOf(tx));
}

/**
 * Whether `tx` (or one of its savepoints) recorded an event so far. The inbox handler wakes the
 * relay only then: a wake after a commit without events would cost the relay an empty claim.
 */
export function wroteToOutbox(tx: Executor): boolean {
  return written.has(sessionOf(tx));
}
