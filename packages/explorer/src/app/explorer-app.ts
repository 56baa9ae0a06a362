import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';

/** What the router writes into the page: where to send operations. */
interface ExplorerConfig {
  endpoint: string;
  defaultQuery: string;
}

const config = JSON.parse(document.getElementById('explorer-config')!.textContent!) as ExplorerConfig;
const endpoint = new URL(config.endpoint, location.href);
const subscriptionUrl = new URL(endpoint);
subscriptionUrl.protocol = endpoint.protocol === 'https:' ? 'wss:' : 'ws:';

const base = createGraphiQLFetcher({ url: endpoint.href, subscriptionUrl: subscriptionUrl.href });

/**
 * The Headers editor feeds both transports: HTTP headers for queries and mutations, graphql-ws
 * connection params for subscriptions. The router reads `authorization` from the connection
 * params, so names are lower-cased (HTTP header names are case-insensitive anyway).
 */
const fetcher: Fetcher = (params, options) => {
  const headers = Object.fromEntries(Object.entries(options?.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  return base(params, { ...options, headers });
};

// A link can carry an operation: /graphql?query=...&variables=...&headers=...
const search = new URLSearchParams(location.search);
const fromUrl = (name: string) => search.get(name) ?? undefined;

createRoot(document.getElementById('explorer')!).render(
  createElement(GraphiQL, {
    fetcher,
    defaultQuery: config.defaultQuery,
    query: fromUrl('query'),
    variables: fromUrl('variables'),
    headers: fromUrl('headers'),
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
    plugins: [explorerPlugin()],
  }),
);
