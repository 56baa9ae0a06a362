import type { HarnessBackend } from './subgraph-harness';

const every: readonly HarnessBackend[] = ['pglite', 'postgres'];

/**
 * The SQL backends a suite runs on (`describe.each(sqlBackends)`): every one, unless
 * `TEST_BACKENDS` names some, comma-separated, e.g. `TEST_BACKENDS=pglite npm test -w
 * subgraphs/tax` to run one subgraph's SQL tests without a PostgreSQL server. CI always runs every
 * backend: a narrowed list there is refused, as is an unknown name.
 */
export function selectSqlBackends(env: { TEST_BACKENDS?: string | undefined; CI?: string | undefined }): readonly HarnessBackend[] {
  if (env.TEST_BACKENDS === undefined || env.TEST_BACKENDS.trim() === '') return every;
  const named = env.TEST_BACKENDS.split(',').map((name) => name.trim());
  const unknown = named.filter((name) => !every.includes(name as HarnessBackend));
  if (unknown.length > 0) throw new Error(`TEST_BACKENDS: unknown backend ${unknown.join(', ')} (known: ${every.join(', ')})`);
  const chosen = every.filter((backend) => named.includes(backend));
  if (env.CI && chosen.length < every.length) throw new Error('TEST_BACKENDS narrows the SQL backends; CI runs every one: unset it');
  return chosen;
}
