import { AsyncLocalStorage } from 'node:async_hooks';

const writes = new AsyncLocalStorage<{ rows: boolean }>();

/**
 * Runs `work` and answers whether it recorded an event (`appendToOutbox`, `appendAllToOutbox`, or a
 * producer's own statement that calls `noteOutboxWrite`), savepoints and nested calls included.
 * The inbox handler wakes the relay only then: a wake after a commit without events would cost
 * the relay an empty claim transaction.
 */
export async function trackOutboxWrites<T>(work: () => Promise<T>): Promise<{ result: T; wrote: boolean }> {
  const state = { rows: false };
  const result = await writes.run(state, work);
  return { result, wrote: state.rows };
}

/** Tells the enclosing `trackOutboxWrites` (if any) that outbox rows were written. */
export function noteOutboxWrite(): void {
  const state = writes.getStore();
  if (state) state.rows = true;
}
