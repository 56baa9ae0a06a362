import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, flag, parseEnv, port } from '../src';

const schema = z.object({ PORT: port(4000), DEBUG: flag(false), NAME: z.string().min(2) });

describe('parseEnv', () => {
  it('applies defaults and coerces values', () => {
    expect(parseEnv(schema, { NAME: 'shop', DEBUG: '1' })).toEqual({ PORT: 4000, DEBUG: true, NAME: 'shop' });
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv(schema, { NAME: 'shop', PORT: '' }).PORT).toBe(4000);
  });

  it('reports every problem at once', () => {
    let caught: unknown;
    try {
      parseEnv(schema, { PORT: '99999', DEBUG: 'maybe' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'DEBUG', 'NAME']);
  });
});
