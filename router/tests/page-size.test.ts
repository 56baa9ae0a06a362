import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { pageSizeViolations } from '../src/page-size';

const schema = buildSchema(`
  type Query { items(first: Int, last: Int, name: String): [Item!]! }
  type Item { id: ID! children(first: Int): [Item!]! }
`);
const check = (query: string, variables: Record<string, unknown> = {}) => pageSizeViolations(schema, parse(query), variables, 10);

describe('pageSizeViolations', () => {
  it('accepts pages up to the maximum and unrelated arguments', () => {
    expect(check('{ items(first: 10, name: "x") { id children(first: 1) { id } } }')).toEqual([]);
    expect(check('query($n: Int) { items(last: $n) { id } }', { n: 10 })).toEqual([]);
    expect(check('query($n: Int) { items(last: $n) { id } }')).toEqual([]);
  });

  it('finds oversized literals, variables, variable defaults and nested fields', () => {
    expect(check('{ items(first: 11) { id } }')).toEqual(['"first" on items is 11; the maximum page size is 10']);
    expect(check('query($n: Int) { items(last: $n) { id } }', { n: 1_000 })).toEqual(['"last" on items is 1000; the maximum page size is 10']);
    expect(check('query($n: Int = 20) { items { children(first: $n) { id } } }')).toEqual(['"first" on children is 20; the maximum page size is 10']);
    expect(check('{ items { ...F } } fragment F on Item { children(first: 99) { id } }')).toEqual(['"first" on children is 99; the maximum page size is 10']);
  });
});
