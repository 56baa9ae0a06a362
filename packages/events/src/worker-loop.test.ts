import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startWorkerLoop, type WorkerLoopOptions } from './worker-loop';

/** A loop whose passes answer from a script (then 0); records each pass's `fresh`. */
function scripted(results: (number | 'failed' | Error)[], overrides: Partial<WorkerLoopOptions> = {}) {
  const passes: boolean[] = [];
  const errors: unknown[] = [];
  const loop = startWorkerLoop({
    pass: async (fresh) => {
      passes.push(fresh);
      const next = results.shift() ?? 0;
      if (next instanceof Error) throw next;
      return next;
    },
    batchSize: 10,
    idleMs: () => 1_000,
    failureMs: (failures) => 5_000 * failures,
    onError: (error) => errors.push(error),
    ...overrides,
  });
  return { loop, passes, errors };
}

describe('startWorkerLoop', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes again at once after a full batch (fresh), else waits idle until the timer or a wake', async () => {
    const { loop, passes } = scripted([10, 3]);
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toEqual([false, true]);
    await vi.advanceTimersByTimeAsync(999);
    expect(passes).toEqual([false, true]);
    await vi.advanceTimersByTimeAsync(1);
    expect(passes).toEqual([false, true, false]);
    loop.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toEqual([false, true, false, true]);
    await loop.stop();
  });

  it('after a failure (returned or thrown) waits failureMs(n), which a wake does not cut and stop does', async () => {
    const boom = new Error('boom');
    const { loop, passes, errors } = scripted(['failed', boom]);
    await vi.advanceTimersByTimeAsync(0);
    loop.wake();
    await vi.advanceTimersByTimeAsync(4_999);
    expect(passes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(passes).toHaveLength(2);
    expect(errors).toEqual([boom]);
    // Second failure in a row: 10 s, ended by stop() at once.
    await vi.advanceTimersByTimeAsync(9_000);
    expect(passes).toHaveLength(2);
    await loop.stop();
    expect(passes).toHaveLength(2);
  });

  it('a wake during a pass passes again without waiting, not fresh', async () => {
    let release: (() => void) | undefined;
    const passes: boolean[] = [];
    const loop = startWorkerLoop({
      pass: async (fresh) => {
        passes.push(fresh);
        if (passes.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return 0;
      },
      batchSize: 10,
      idleMs: () => 1_000,
      failureMs: () => 1_000,
      onError: () => undefined,
    });
    await vi.advanceTimersByTimeAsync(0);
    loop.wake();
    release?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toEqual([false, false]);
    await loop.stop();
    await loop.stop();
  });
});
