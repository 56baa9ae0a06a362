/**
 * The subgraphs of the supergraph, in one place: `npm run compose` reads their SDL, `npm start`
 * starts each on its port, docker-compose gives each a service. Ports are the embedded defaults.
 */
export const subgraphs = [
  { name: 'users', port: 4001 },
  { name: 'ratings', port: 4004 },
  { name: 'favourites', port: 4006 },
  { name: 'tax', port: 4008 },
  { name: 'inventory', port: 4003 },
  { name: 'search', port: 4005 },
  { name: 'products', port: 4002 },
  { name: 'orders', port: 4009 },
  { name: 'payments', port: 4010 },
  { name: 'promotions', port: 4007 },
  { name: 'shipping', port: 4011 },
  { name: 'notifications', port: 4012 },
] as const satisfies ReadonlyArray<{ name: string; port: number }>;

/** A subgraph's name; lists keyed by it (scripts/subgraph-modules.ts) fail to compile when one is missing or extra. */
export type SubgraphName = (typeof subgraphs)[number]['name'];

export type SubgraphEntry = (typeof subgraphs)[number];

export const sdlPath = (name: string) => `subgraphs/${name}/src/schema.graphql`;

export const defaultUrl = (entry: SubgraphEntry) => `http://127.0.0.1:${entry.port}/graphql`;
