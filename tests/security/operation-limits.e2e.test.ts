import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeCalls } from './support/probe-subgraph';
import { startProbeRouter, type ProbeRouter } from './support/probe-router';

const limits = { maxDepth: 5, maxAliases: 3, maxDirectives: 3, maxTokens: 200, maxCost: 100, maxPageSize: 10 };

describe('operation limits at the router', () => {
  let probe: ProbeRouter;
  beforeAll(async () => {
    probe = await startProbeRouter({ limits, bodyLimitBytes: 4_000 });
  });
  afterAll(() => probe.stop());

  const rejected = async (query: string, variables: Record<string, unknown> = {}) => {
    const before = probeCalls.items;
    const response = await probe.post({ query, variables });
    const body = (await response.json()) as { data?: unknown; errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    // Stopped at the router: the subgraph never saw the operation.
    expect(probeCalls.items).toBe(before);
    expect(body.data).toBeUndefined();
    return { status: response.status, errors: body.errors.map(({ message, extensions }) => ({ message, ...extensions })) };
  };

  it('an operation within every limit runs', async () => {
    const result = await probe.query('{ items(first: 2) { id next { id } } }');
    expect(result).toEqual({
      status: 200,
      data: {
        items: [
          { id: 'item-0', next: { id: 'item-1' } },
          { id: 'item-1', next: { id: 'item-2' } },
        ],
      },
    });
  });

  it('rejects an operation deeper than maxDepth', async () => {
    expect(await rejected('{ items { next { next { next { next { next { id } } } } } } }')).toEqual({
      status: 400,
      errors: [{ message: 'Query depth limit of 5 exceeded, found 7.', code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDepth' }],
    });
  });

  it('rejects more aliases than maxAliases', async () => {
    expect(await rejected('{ a: items { id } b: items { id } c: items { id } d: items { id } }')).toEqual({
      status: 400,
      errors: [{ message: 'Aliases limit of 3 exceeded, found 4.', code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxAliases' }],
    });
  });

  it('rejects more directives than maxDirectives', async () => {
    expect(await rejected('{ items @include(if: true) { id @include(if: true) next @skip(if: false) { id @skip(if: false) } } }')).toEqual({
      status: 400,
      errors: [{ message: 'Directives limit of 3 exceeded, found 4.', code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDirectives' }],
    });
  });

  it('rejects an operation whose estimated cost is over maxCost', async () => {
    expect(await rejected('{ items(first: 10) { id next { id next { id } } } }')).toEqual({
      status: 400,
      errors: [{ message: 'Query Cost limit of 100 exceeded, found 166.25.', code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxCost' }],
    });
  });

  it.each([
    ['a variable', 'query($n: Int) { items(first: $n) { id next { id next { id } } } }', { n: 10 }],
    ['a variable default', 'query($n: Int = 10) { items(first: $n) { id next { id next { id } } } }', {}],
    ['a variable in a fragment', 'query($n: Int) { ...Page } fragment Page on Query { items(first: $n) { id next { id } } }', { n: 10 }],
  ])('counts a page size given as %s in the cost, before any subgraph call', async (_, query, variables) => {
    expect(await rejected(query, variables)).toEqual({
      status: 400,
      errors: [
        { message: expect.stringMatching(/^Query Cost limit of 100 exceeded, found \d+(\.\d+)?\.$/), code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxCost' },
      ],
    });
  });

  it('the same operation with a small page size given as a variable runs', async () => {
    const result = await probe.query('query($n: Int) { items(first: $n) { id next { id next { id } } } }', { n: 1 });
    expect(result).toEqual({ status: 200, data: { items: [{ id: 'item-0', next: { id: 'item-1', next: { id: 'item-2' } } }] } });
  });

  it('rejects a document with more tokens than maxTokens while parsing', async () => {
    expect(await rejected(`{ items { ${'id '.repeat(250)}} }`)).toEqual({
      status: 400,
      errors: [
        {
          message: 'Syntax Error: Document contains more that 200 tokens. Parsing aborted.',
          code: 'GRAPHQL_PARSE_FAILED',
        },
      ],
    });
  });

  it.each([
    ['a literal', 'query { items(first: 11) { id } }', {}],
    ['a variable', 'query($n: Int) { items(last: $n) { id } }', { n: 500 }],
    ['a variable default', 'query($n: Int = 50) { items(first: $n) { id } }', {}],
  ])('rejects a page size over the maximum given as %s, before any subgraph call', async (_, query, variables) => {
    const result = await rejected(query, variables);
    expect(result.status).toBe(400);
    expect(result.errors).toEqual([
      { message: expect.stringMatching(/^"(first|last)" on items is \d+; the maximum page size is 10$/), code: 'BAD_USER_INPUT', limit: 'maxPageSize' },
    ]);
  });

  it('rejects a JSON array (HTTP batching is off)', async () => {
    const response = await probe.post([{ query: '{ items { id } }' }, { query: '{ items { id } }' }]);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('rejects a body over the size limit with 413', async () => {
    const response = await probe.post({ query: `{ items { id } }${' '.repeat(5_000)}` });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ errors: [{ message: 'Request body is larger than 4000 bytes', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });
});
