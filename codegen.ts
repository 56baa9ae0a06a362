import type { CodegenConfig } from '@graphql-codegen/cli';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, printSchema } from 'graphql';

/**
 * One command (`npm run codegen`) rebuilds every generated file:
 * - per subgraph: federation-aware resolver types in subgraphs/<name>/src/__generated__/
 *   (model types come from each subgraph's `src/codegen-mappers.ts`);
 * - a typed client from the composed supergraph for the operations in tests/operations/;
 * - per subgraph with tests/operations/: a typed client from the subgraph's own schema as the
 *   router sees it (`_entities` included) in subgraphs/<name>/tests/__generated__/.
 */
const subgraphs = readdirSync('subgraphs').filter((name) => existsSync(`subgraphs/${name}/src/schema.graphql`));

const subgraphTargets = Object.fromEntries(
  subgraphs.map((name) => [
    `subgraphs/${name}/src/__generated__/resolvers-types.ts`,
    {
      schema: `subgraphs/${name}/src/schema.graphql`,
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useIndexSignature: true,
        useTypeImports: true,
        enumsAsTypes: true,
        contextType: '@shop/subgraph-kit#SubgraphContext',
        mapperTypeSuffix: 'Model',
        mappers: existsSync(`subgraphs/${name}/src/codegen-mappers.ts`)
          ? Object.fromEntries([...new Set(readMappers(`subgraphs/${name}/src/codegen-mappers.ts`))].map((type) => [type, `../codegen-mappers#${type}Model`]))
          : {},
        scalars: { DateTime: 'Date | string' },
      },
    },
  ]),
);

/** Every exported `<Name>Model` in a subgraph's codegen-mappers.ts maps GraphQL type <Name> to it. */
function* readMappers(file: string): Generator<string> {
  const source = readFileSync(file, 'utf8');
  for (const match of source.matchAll(/\b(\w+)Model\b/g)) if (match[1]) yield match[1];
}

const clientConfig = { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string' } };

/** The SDL a subgraph serves, federation's `_entities`, `_Any` and `_service` included. */
const servedSdl = (name: string) => printSchema(buildSubgraphSchema({ typeDefs: parse(readFileSync(`subgraphs/${name}/src/schema.graphql`, 'utf8')) }));

const subgraphClientTargets = Object.fromEntries(
  subgraphs
    .filter((name) => existsSync(`subgraphs/${name}/tests/operations`))
    .map((name) => [
      `subgraphs/${name}/tests/__generated__/`,
      {
        schema: servedSdl(name),
        documents: [`subgraphs/${name}/tests/operations/**/*.graphql`],
        preset: 'client',
        presetConfig: { fragmentMasking: false },
        config: clientConfig,
      },
    ]),
);

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    ...subgraphTargets,
    ...subgraphClientTargets,
    ...(existsSync('tests/operations')
      ? {
          'tests/__generated__/': {
            schema: 'schema/supergraph-api.graphql',
            documents: ['tests/operations/**/*.graphql'],
            preset: 'client',
            presetConfig: { fragmentMasking: false },
            config: clientConfig,
          },
        }
      : {}),
  },
};

export default config;
