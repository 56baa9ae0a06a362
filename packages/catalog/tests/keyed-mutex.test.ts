import { describe, expect, it } from 'vitest';
import { KeyedMutex } from '../src/keyed-mutex';

describe('KeyedMutex', () => {
  it('runs one key at a time in call order, other keys alongside, and survives failures', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const step = (key: string, label: string, fail = false) =>
      mutex.run(key, async () => {
        log.push(`${label}:start`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push(`${label}:end`);
        if (fail) throw new Error(label);
        return label;
      });
    const results = await Promise.allSettled([step('a', 'a1', true), step('a', 'a2'), step('b', 'b1')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(log.filter((entry) => entry.startsWith('a'))).toEqual(['a1:start', 'a1:end', 'a2:start', 'a2:end']);
    expect(log.indexOf('b1:start')).toBeLessThan(log.indexOf('a1:end'));
  });
});
