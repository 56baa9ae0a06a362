import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProbeRouter, type ProbeRouter } from './support/probe-router';

/** What an attacker learns by probing a production router: nothing about the schema or internals. */
describe('a production router leaks nothing', () => {
  let probe: ProbeRouter;
  beforeAll(async () => {
    probe = await startProbeRouter({ production: true });
  });
  afterAll(() => probe.stop());

  const raw = async (query: string) => {
    const response = await probe.post({ query });
    return { status: response.status, text: await response.text() };
  };

  it('introspection (__schema and __type) is refused without naming a single type', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Query") { fields { name } } }']) {
      const { status, text } = await raw(query);
      expect(status).toBe(400);
      expect(JSON.parse(text)).toEqual({
        errors: [
          {
            message:
              'GraphQL introspection is not allowed by Apollo Server, but the query contained __schema or __type. To enable introspection, pass introspection: true to ApolloServer in production',
            locations: [{ line: 1, column: 3 }],
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', validationErrorCode: 'INTROSPECTION_DISABLED' },
          },
        ],
      });
    }
  });

  it('a field typo gets no "Did you mean" suggestion', async () => {
    const { status, text } = await raw('{ item { id } viewr { userId } }');
    expect(status).toBe(400);
    expect(text).not.toMatch(/Did you mean|items|viewer/);
    expect(JSON.parse(text)).toEqual({
      errors: [
        { message: 'Cannot query field "item" on type "Query".', locations: [{ line: 1, column: 3 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
        { message: 'Cannot query field "viewr" on type "Query".', locations: [{ line: 1, column: 15 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      ],
    });
  });

  it('a resolver error carrying SQL reaches the client as a fixed masked error, with no stack', async () => {
    const { status, text } = await raw('{ broken }');
    expect(status).toBe(200);
    expect(text).not.toMatch(/duplicate key|constraint|stacktrace|probe|127\.0\.0\.1/);
    expect(JSON.parse(text)).toEqual({
      data: { broken: null },
      errors: [{ message: 'Internal server error', path: ['broken'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
  });

  it('serves the production landing page, not Sandbox', async () => {
    const response = await fetch(probe.url, { headers: { accept: 'text/html' } });
    const config = /window\.landingPage = "([^"]*)"/.exec(await response.text())?.[1] ?? '';
    expect(JSON.parse(decodeURIComponent(config))).toEqual({ isProd: true, footer: false });
  });
});
