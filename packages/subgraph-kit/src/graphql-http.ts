import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { BodyTooLargeError, readBody } from './http-body';

export interface GraphQLHttpOptions {
  /** Largest accepted request body in bytes. @default 1_000_000 */
  bodyLimit?: number;
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return undefined;
  // Apollo decides what a valid GraphQL request is; we only turn JSON text into a value.
  if (contentType?.toLowerCase().startsWith('application/json')) {
    try {
      return JSON.parse(raw);
    } catch {
      return Symbol.for('invalid-json');
    }
  }
  return raw;
}

/**
 * Runs one HTTP request through Apollo Server on plain `node:http` (no framework on the hot path).
 * Apollo applies CSRF prevention, content-type rules and GET-mutation refusal itself.
 */
export async function handleGraphQLHttp<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  context: () => Promise<TContext>,
  options: GraphQLHttpOptions = {},
): Promise<void> {
  let body: unknown;
  try {
    body = parseBody(await readBody(req, options.bodyLimit ?? 1_000_000), req.headers['content-type']);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendJsonError(res, 413, 'PAYLOAD_TOO_LARGE', error.message);
    throw error;
  }
  if (body === Symbol.for('invalid-json')) return sendJsonError(res, 400, 'BAD_REQUEST', 'Request body is not valid JSON');

  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const result = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method?.toUpperCase() ?? 'GET', headers, search: url.search, body },
    context,
  });
  for (const [key, value] of result.headers) res.setHeader(key, value);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}

/** A GraphQL-shaped error body for failures that happen before Apollo sees the request. */
export function sendJsonError(res: ServerResponse, status: number, code: string, message: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
