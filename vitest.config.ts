import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

/**
 * Three projects, one command (`npm test` runs all of them):
 * - unit: no servers, beside the code (`*.test.ts`)
 * - integration: real PostgreSQL, Redis, Kafka, FerretDB started by scripts/servers/up.sh (`*.int.test.ts`)
 * - e2e: through the router (`tests/**\/*.e2e.test.ts`)
 */
const exclude = ['**/node_modules/**', '**/dist/**'];

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build (no "exports" map); Vite would pick its .mjs build for our
    // imports while Apollo's CommonJS code requires the other one: two realms, broken instanceof.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }],
  },
  test: {
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{packages,subgraphs,router,schema,scripts}/**/*.test.ts'],
          exclude: [...exclude, '**/*.int.test.ts', '**/*.e2e.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{packages,subgraphs,router,schema}/**/*.int.test.ts'],
          exclude,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/**/*.e2e.test.ts'],
          exclude,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
