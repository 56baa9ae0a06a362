import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from './compose-supergraph';

describe('supergraph', () => {
  const composed = composeSupergraph();

  it('the committed supergraph matches the subgraphs (run `npm run compose` after changing an SDL)', () => {
    expect(readFileSync('schema/supergraph.graphql', 'utf8')).toBe(composed.supergraphSdl);
  });

  it('the committed API schema matches the subgraphs', () => {
    expect(readFileSync('schema/supergraph-api.graphql', 'utf8')).toBe(composed.apiSchemaSdl);
  });
});
