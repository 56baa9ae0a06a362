import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@shop/subgraph-kit';
import { startExpirySweeper } from './expiry-sweeper';

const logger = createLogger('inventory-test', 'silent');

describe('startExpirySweeper', () => {
  afterEach(() => vi.useRealTimers());

  it('sweeps on every tick but never twice at once, and stop waits for the sweep in progress', async () => {
    vi.useFakeTimers();
    let finish: () => void = () => {};
    const sweep = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const sweeper = startExpirySweeper(sweep, 100, logger);
    await vi.advanceTimersByTimeAsync(350);
    expect(sweep).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(100);
    expect(sweep).toHaveBeenCalledTimes(2);
    let stopped = false;
    const stopping = sweeper.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    await vi.advanceTimersByTimeAsync(1000);
    expect(sweep).toHaveBeenCalledTimes(2);
  });

  it('keeps sweeping after a failed sweep', async () => {
    vi.useFakeTimers();
    const sweep = vi.fn().mockRejectedValueOnce(new Error('database down')).mockResolvedValue([]);
    const sweeper = startExpirySweeper(sweep, 10, logger);
    await vi.advanceTimersByTimeAsync(35);
    expect(sweep).toHaveBeenCalledTimes(3);
    await sweeper.stop();
  });

  it('is off at 0 and refuses a negative interval', async () => {
    const sweep = vi.fn();
    await startExpirySweeper(sweep, 0, logger).stop();
    expect(sweep).not.toHaveBeenCalled();
    expect(() => startExpirySweeper(sweep, -1, logger)).toThrow('reservationSweepIntervalMs must be an integer >= 0');
  });
});
