import { describe, expect, it } from 'vitest';
import { LocalTopicLog } from './local-topic-log';

const message = (value: string) => ({ key: 'k', value, headers: {} });

describe('LocalTopicLog', () => {
  it('keeps offsets stable while trimming consumed heads', () => {
    const log = new LocalTopicLog(100);
    for (const value of ['a', 'b', 'c']) log.append(message(value));
    log.trimTo(2);
    expect([log.start, log.end]).toEqual([2, 3]);
    expect(log.at(1)).toBeUndefined();
    expect(log.at(2)).toMatchObject({ offset: 2, value: 'c' });
  });

  it('drops the oldest messages beyond its retention', () => {
    const log = new LocalTopicLog(2);
    for (const value of ['a', 'b', 'c']) log.append(message(value));
    expect(log.all().map((m) => m.value)).toEqual(['b', 'c']);
    expect(log.start).toBe(1);
  });
});
