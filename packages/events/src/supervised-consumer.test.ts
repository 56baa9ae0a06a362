import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from './logger';
import { superviseConsumer, type ConsumerRun, type StartConsumer } from './supervised-consumer';

/** A fake consumer factory: records each start, lets the test kill the live one or fail starts. */
function fakeConsumers() {
  const runs: { onDead: (error: Error) => void; stopped: boolean }[] = [];
  let failNext = 0;
  const start: StartConsumer = async (onDead) => {
    if (failNext > 0) {
      failNext--;
      throw new Error('broker unreachable');
    }
    const run = { onDead, stopped: false };
    runs.push(run);
    return { stop: async () => void (run.stopped = true) } satisfies ConsumerRun;
  };
  return { start, runs, failStarts: (n: number) => void (failNext = n) };
}

describe('superviseConsumer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('replaces a consumer that died for good after the backoff, once per death', async () => {
    const fake = fakeConsumers();
    const subscription = await superviseConsumer(fake.start, { logger: silentLogger, label: 'g', initialBackoffMs: 1_000 });
    expect(fake.runs).toHaveLength(1);
    fake.runs[0]!.onDead(new Error('non-retriable'));
    fake.runs[0]!.onDead(new Error('reported twice'));
    await vi.advanceTimersByTimeAsync(999);
    expect(fake.runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.runs).toHaveLength(2);
    // The old run's late report changes nothing; the new run is the one stop() ends.
    fake.runs[0]!.onDead(new Error('stale'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.runs).toHaveLength(2);
    await subscription.stop();
    expect(fake.runs[1]!.stopped).toBe(true);
  });

  it('doubles the wait while starts fail, up to the cap, and resets it after a start', async () => {
    const fake = fakeConsumers();
    await superviseConsumer(fake.start, { logger: silentLogger, label: 'g', initialBackoffMs: 100, maxBackoffMs: 300 });
    fake.failStarts(3);
    fake.runs[0]!.onDead(new Error('gone'));
    // Tries at +100 (fails), +200 (fails), +300 (fails, capped), +300 (starts).
    await vi.advanceTimersByTimeAsync(100 + 200 + 300 + 299);
    expect(fake.runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.runs).toHaveLength(2);
    fake.runs[1]!.onDead(new Error('gone again'));
    await vi.advanceTimersByTimeAsync(100);
    expect(fake.runs).toHaveLength(3);
  });

  it('starts nothing after stop(), and a failing first start fails the subscription', async () => {
    const fake = fakeConsumers();
    const subscription = await superviseConsumer(fake.start, { logger: silentLogger, label: 'g', initialBackoffMs: 100 });
    fake.runs[0]!.onDead(new Error('gone'));
    await subscription.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.runs).toHaveLength(1);

    const failing = fakeConsumers();
    failing.failStarts(1);
    await expect(superviseConsumer(failing.start, { logger: silentLogger, label: 'g' })).rejects.toThrow('broker unreachable');
  });
});
