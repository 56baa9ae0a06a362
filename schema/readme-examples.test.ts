import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { buildSchema, Kind, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

/**
 * Every GraphQL operation shown in a README must run against the supergraph clients see: a renamed
 * field or argument fails here, not in a reader's Sandbox.
 */
const api = buildSchema(readFileSync(new URL('./supergraph-api.graphql', import.meta.url), 'utf8'));
const root = new URL('../', import.meta.url);
const readmes = ['README.md', ...readdirSync(new URL('subgraphs/', root)).map((name) => `subgraphs/${name}/README.md`)].filter((file) =>
  existsSync(new URL(file, root)),
);

function operations(file: string): string[] {
  const text = readFileSync(new URL(file, root), 'utf8');
  const blocks = [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]!);
  // SDL snippets and subgraph-internal `_entities` calls are not client operations.
  return blocks.filter((block) => /^\s*(query|mutation|subscription|\{)/.test(block) && !block.includes('_entities'));
}

const examples = readmes.flatMap((file) =>
  operations(file).flatMap((block) => parse(block).definitions.map((definition) => ({ file, definition, text: block.trim().split('\n')[0]! }))),
);

describe('README examples', () => {
  it('finds the operations of the README and the subgraph READMEs', () => {
    expect(examples.filter((example) => example.file === 'README.md').length).toBeGreaterThan(10);
  });

  it.each(examples)('$file: $text', ({ definition }) => {
    expect(validate(api, { kind: Kind.DOCUMENT, definitions: [definition] }).map((error) => error.message)).toEqual([]);
  });
});
