import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';
import { defaultUrl, sdlPath, subgraphs } from './subgraphs';

export interface Composition {
  supergraphSdl: string;
  /** The client-facing API schema: what Sandbox shows and the typed client is generated from. */
  apiSchemaSdl: string;
}

/** Composes every subgraph's SDL with Apollo's composition; throws listing every composition error. */
export function composeSupergraph(root = '.'): Composition {
  const result = composeServices(
    subgraphs.map((entry) => ({
      name: entry.name,
      url: defaultUrl(entry),
      typeDefs: parse(readFileSync(`${root}/${sdlPath(entry.name)}`, 'utf8')),
    })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return {
    supergraphSdl: result.supergraphSdl,
    apiSchemaSdl: `${printSchema(result.schema.toAPISchema().toGraphQLJSSchema())}\n`,
  };
}
