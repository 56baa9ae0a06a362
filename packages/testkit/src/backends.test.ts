import { describe, expect, it } from 'vitest';
import { selectSqlBackends } from './backends';

describe('selectSqlBackends', () => {
  it('runs every SQL backend unless TEST_BACKENDS names some', () => {
    expect(selectSqlBackends({})).toEqual(['pglite', 'postgres']);
    expect(selectSqlBackends({ TEST_BACKENDS: ' ' })).toEqual(['pglite', 'postgres']);
    expect(selectSqlBackends({ TEST_BACKENDS: 'pglite' })).toEqual(['pglite']);
    expect(selectSqlBackends({ TEST_BACKENDS: 'postgres, pglite' })).toEqual(['pglite', 'postgres']);
  });

  it('refuses an unknown backend, and a narrowed list in CI', () => {
    expect(() => selectSqlBackends({ TEST_BACKENDS: 'pglite,mysql' })).toThrow('TEST_BACKENDS: unknown backend mysql (known: pglite, postgres)');
    expect(() => selectSqlBackends({ TEST_BACKENDS: 'pglite', CI: 'true' })).toThrow('CI runs every one');
    expect(selectSqlBackends({ TEST_BACKENDS: 'pglite,postgres', CI: 'true' })).toEqual(['pglite', 'postgres']);
  });
});
