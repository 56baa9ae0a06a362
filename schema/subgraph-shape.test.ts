import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { subgraphs } from './subgraphs';

/**
 * Every subgraph folder has the same files in the same roles (STYLE "What that means here" 1), so
 * one who learnt one subgraph finds their way in all of them:
 *
 *   README.md, package.json, drizzle.config.ts
 *   src/schema.graphql          the SDL, every field described
 *   src/env.ts                  <name>EnvSchema, <Name>Env, load<Name>Env(), <name>ConfigFromEnv(env)
 *   src/main.ts                 services mode: serve, or `migrate` with the platform env
 *   src/<name>.ts               create<Name>(): the composition root (stores and services), reused by tests
 *   src/subgraph.ts             <name>Module: binds the platform (database, transport, relay, consumers)
 *   src/index.ts                the package's exports
 *   src/codegen-mappers.ts      resolver types' mappers
 *   src/resolvers/index.ts      the merged resolvers; src/services/, src/db/schema.ts, src/db/migrations/
 *   tests/                      integration tests against the subgraph
 *   tests/operations/*.graphql  the operations they send, typed by `npm run codegen`
 *   src/events/order-saga.consumer.ts  (saga participants) ORDER_SAGA_GROUP, orderSagaHandler, consumeOrderSaga on subscribeWithInbox
 */
const requiredFiles = [
  'README.md',
  'package.json',
  'drizzle.config.ts',
  'src/schema.graphql',
  'src/env.ts',
  'src/main.ts',
  'src/subgraph.ts',
  'src/index.ts',
  'src/codegen-mappers.ts',
  'src/resolvers/index.ts',
  'src/db/schema.ts',
];
const requiredFolders = ['src/resolvers', 'src/services', 'src/db/migrations', 'tests'];

const capitalized = (name: string) => name[0]!.toUpperCase() + name.slice(1);
const isFolder = (path: string) => existsSync(path) && statSync(path).isDirectory();

describe('every subgraph folder has the same shape', () => {
  for (const { name } of subgraphs) {
    const root = `subgraphs/${name}`;

    it(`${name}: the files and folders every subgraph has`, () => {
      expect(requiredFiles.filter((file) => !existsSync(`${root}/${file}`))).toEqual([]);
      expect(requiredFolders.filter((folder) => !isFolder(`${root}/${folder}`))).toEqual([]);
    });

    it(`${name}: env.ts and main.ts in the one form`, () => {
      const env = readFileSync(`${root}/src/env.ts`, 'utf8');
      const N = capitalized(name);
      for (const declaration of [
        `export const ${name}EnvSchema = `,
        `export type ${N}Env = `,
        `export const load${N}Env = (): ${N}Env => `,
        `export const ${name}ConfigFromEnv = (`,
      ]) {
        expect(env, `${root}/src/env.ts declares ${declaration}`).toContain(declaration);
      }
      const main = readFileSync(`${root}/src/main.ts`, 'utf8');
      expect(main).toContain(`await migrateSubgraph(${name}Module, loadPlatformEnv());`);
      expect(main).toContain(`await runSubgraph(${name}Module, ${name}ConfigFromEnv(env), env);`);
    });

    it(`${name}: subgraph.ts exports ${name}Module; src/${name}.ts is its composition root`, () => {
      expect(readFileSync(`${root}/src/subgraph.ts`, 'utf8')).toContain(`export const ${name}Module`);
      expect(readFileSync(`${root}/src/${name}.ts`, 'utf8')).toContain(`export function create${capitalized(name)}(`);
    });

    it(`${name}: its tests send typed operations from tests/operations/`, () => {
      const operations = isFolder(`${root}/tests/operations`) ? readdirSync(`${root}/tests/operations`).filter((file) => file.endsWith('.graphql')) : [];
      expect(operations.length, `${root}/tests/operations/*.graphql`).toBeGreaterThan(0);
    });

    it(`${name}: a saga participant's consumer has the one form`, () => {
      const consumer = `${root}/src/events/order-saga.consumer.ts`;
      if (!existsSync(consumer)) return expect(['inventory', 'payments', 'promotions', 'shipping', 'tax']).not.toContain(name);
      const source = readFileSync(consumer, 'utf8');
      for (const declaration of [
        'export const ORDER_SAGA_GROUP = ',
        'export const orderSagaHandler = ',
        'export const consumeOrderSaga = ',
        'subscribeWithInbox({',
        'inboxRoutes({',
      ]) {
        expect(source, `${consumer} has ${declaration}`).toContain(declaration);
      }
      expect(source).not.toContain('createInboxHandler');
    });

    it(`${name}: src/ holds only the known roles`, () => {
      const roles = new Set(['db', 'events', 'resolvers', 'services', 'stores', 'saga', 'mail', 'providers', '__generated__']);
      const files = new Set(['schema.graphql', 'env.ts', 'env.test.ts', 'main.ts', 'subgraph.ts', 'index.ts', 'codegen-mappers.ts', `${name}.ts`]);
      const unknown = readdirSync(`${root}/src`).filter((entry) => (isFolder(`${root}/src/${entry}`) ? !roles.has(entry) : !files.has(entry)));
      expect(unknown).toEqual([]);
    });
  }
});
