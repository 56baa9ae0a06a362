import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';

export interface GraphQLResponse<TData> {
  status: number;
  data?: TData | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string } & Record<string, unknown> }>;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
}

/**
 * A typed GraphQL-over-HTTP client for tests: operations come from the generated client
 * (tests/__generated__), so a schema change that breaks an operation fails the typecheck.
 */
export function graphqlClient(url: string) {
  const print_ = (doc: DocumentNode | string) => (typeof doc === 'string' ? doc : print(doc));
  return async function execute<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables> | string,
    ...[variables, options]: TVariables extends Record<string, never> ? [TVariables?, RequestOptions?] : [TVariables, RequestOptions?]
  ): Promise<GraphQLResponse<TData>> {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options?.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options?.headers,
      },
      body: JSON.stringify({ query: print_(document), variables: variables ?? {} }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse<TData>, 'status'>;
    return { status: response.status, ...body };
  };
}
