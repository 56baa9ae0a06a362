import { describe, expect, it, vi } from 'vitest';
import { ConnectionsPerIp } from './connections-per-ip';
import { PushIterator } from './push-iterator';
import { resolveSubscriptionOptions } from './subscription-options';

describe('PushIterator', () => {
  it('delivers pushed values in order, then the buffered rest after end()', async () => {
    const iterator = new PushIterator<number>(() => undefined);
    const first = iterator.next();
    iterator.push(1);
    iterator.push(2);
    iterator.push(3);
    iterator.end();
    iterator.push(4);
    expect(await first).toEqual({ value: 1, done: false });
    const rest: number[] = [];
    for await (const value of iterator) rest.push(value);
    expect(rest).toEqual([2, 3]);
  });

  it('return() ends a pending next() at once and calls onReturn exactly once', async () => {
    const onReturn = vi.fn();
    const iterator = new PushIterator<number>(onReturn);
    const pending = iterator.next();
    await iterator.return();
    await iterator.return();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(onReturn).toHaveBeenCalledTimes(1);
  });

  it('does not call onReturn when the producer already ended', async () => {
    const onReturn = vi.fn();
    const iterator = new PushIterator<number>(onReturn);
    iterator.end();
    await iterator.return();
    expect(onReturn).not.toHaveBeenCalled();
  });
});

describe('ConnectionsPerIp', () => {
  it('refuses past the limit per address and frees a slot once per release', () => {
    const limit = new ConnectionsPerIp(2);
    const a = limit.acquire('10.0.0.1');
    const b = limit.acquire('10.0.0.1');
    expect(limit.acquire('10.0.0.1')).toBeNull();
    expect(limit.acquire('10.0.0.2')).not.toBeNull();
    a?.();
    a?.();
    expect(limit.acquire('10.0.0.1')).not.toBeNull();
    expect(limit.acquire('10.0.0.1')).toBeNull();
    b?.();
  });
});

describe('resolveSubscriptionOptions', () => {
  it('fills defaults and rejects values that are not positive integers', () => {
    expect(resolveSubscriptionOptions()).toEqual({ maxPerConnection: 10, maxConnectionsPerIp: 20, initTimeoutMs: 3_000, maxPayloadBytes: 100_000 });
    expect(() => resolveSubscriptionOptions({ maxPerConnection: 0 })).toThrow(/maxPerConnection/);
    expect(() => resolveSubscriptionOptions({ initTimeoutMs: 1.5 })).toThrow(/initTimeoutMs/);
  });
});
