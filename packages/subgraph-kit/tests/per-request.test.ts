import { describe, expect, it } from 'vitest';
import { perRequest } from '../src';

describe('perRequest', () => {
  it('creates one instance per context and key', () => {
    const a = {};
    const b = {};
    let created = 0;
    const make = () => ({ n: ++created });
    expect(perRequest(a, 'x', make)).toBe(perRequest(a, 'x', make));
    expect(perRequest(b, 'x', make)).not.toBe(perRequest(a, 'x', make));
    expect(perRequest(a, 'y', make)).toEqual({ n: 3 });
    expect(created).toBe(3);
  });
});
