import { writeFileSync } from 'node:fs';
import { composeSupergraph } from './compose-supergraph';

/** `npm run compose`: rewrites schema/supergraph.graphql and schema/supergraph-api.graphql. */
try {
  const { supergraphSdl, apiSchemaSdl } = composeSupergraph();
  writeFileSync('schema/supergraph.graphql', supergraphSdl);
  writeFileSync('schema/supergraph-api.graphql', apiSchemaSdl);
  console.log('Composed schema/supergraph.graphql and schema/supergraph-api.graphql');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
