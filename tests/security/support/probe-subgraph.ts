import { parse } from 'graphql';
import type { SubgraphContext } from '@shop/subgraph-kit';

/** How long `slow` takes; tests give the router a much shorter subgraph timeout. */
export const SLOW_MS = 1_500;

interface Item {
  id: string;
  next: Item | null;
}
const item = (n: number): Item => ({ id: `item-${n}`, next: n < 50 ? item(n + 1) : null });

/** Counts calls that reached the subgraph, so tests can assert the router stopped a request first. */
export const probeCalls = { items: 0, slow: 0, bump: 0 };

/**
 * A fixture subgraph with one field per attack surface: a pageable and deeply nestable list, a
 * resolver that leaks SQL in its error, a slow field, and an echo of the identity it was given.
 */
export const probeSubgraph = {
  name: 'probe',
  typeDefs: parse(/* GraphQL */ `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

    type Query {
      "A page of items."
      items(first: Int, last: Int): [Item!]!
      "Fails with a database driver message."
      broken: String
      "Answers after SLOW_MS."
      slow: String
      "The identity the router's internal token carried."
      viewer: Viewer
      "The guest key (SHA-256 of the x-cart-token) the router's internal token carried."
      guestKey: String
      "Echoes a colour: an enum argument for input-coercion tests."
      colour(of: Colour!): Colour!
    }

    "A colour."
    enum Colour {
      "Red."
      RED
      "Green."
      GREEN
    }

    type Mutation {
      "Counts its calls; answers after SLOW_MS."
      bump: Int!
    }

    type Item @key(fields: "id") {
      id: ID!
      next: Item
    }

    type Viewer {
      userId: ID
      roles: [String!]!
    }
  `),
  resolvers: {
    Query: {
      colour: (_: unknown, args: { of: string }) => args.of,
      items: (_: unknown, args: { first?: number; last?: number }) => {
        probeCalls.items += 1;
        return Array.from({ length: Math.min(args.first ?? args.last ?? 3, 5) }, (_, i) => item(i));
      },
      broken: () => {
        throw new Error('duplicate key value violates unique constraint "x"');
      },
      slow: async () => {
        probeCalls.slow += 1;
        await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
        return 'finally';
      },
      viewer: (_: unknown, __: unknown, context: SubgraphContext) => (context.viewer ? { userId: context.viewer.userId, roles: context.viewer.roles } : null),
      guestKey: (_: unknown, __: unknown, context: SubgraphContext) => context.guestKey ?? null,
    },
    Mutation: {
      bump: async () => {
        const call = ++probeCalls.bump;
        await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
        return call;
      },
    },
  },
};
