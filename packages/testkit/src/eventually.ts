/** How long `eventually` polls, how often, and what it tells a red test. */
export interface EventuallyOptions {
  /** @default 30_000: generous, since a bound only matters when the test is failing anyway. */
  timeoutMs?: number;
  /** @default 25 */
  everyMs?: number;
  /** Names what never happened in the timeout error. */
  what?: string;
  /** The state to print when the time is up. */
  describe?: () => unknown;
}

type Falsy = false | null | undefined | 0 | '';

/**
 * The one polling helper of the test suites: calls `probe` until it returns a truthy value and
 * returns that value, or throws after `timeoutMs` naming `what` (and the last `describe()`d state).
 * A number as `options` is the timeout. Tests wait for an effect this way, never for a fixed time.
 */
export async function eventually<T>(probe: () => T | Falsy | Promise<T | Falsy>, options: EventuallyOptions | number = {}): Promise<T> {
  const { timeoutMs = 30_000, everyMs = 25, what = 'condition', describe } = typeof options === 'number' ? { timeoutMs: options } : options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${describe ? `; last state: ${JSON.stringify(describe())}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
