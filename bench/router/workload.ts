/**
 * What the benchmark asks and the data it asks about. The storefront query is the issue's:
 * one page of 20 products with fields from products, inventory, ratings and favourites.
 */
import { graphqlSession, type GraphQLSession } from '../../scripts/seed/graphql-session';

export interface Workload {
  name: string;
  query: string;
  /** Seeds through the router as the admin; returns when the data is in place. */
  seed(routerUrl: string, admin: { email: string; password: string }): Promise<void>;
  /** A complaint when the verified answer does not show the seeded data (yet); undefined when it does. */
  check?(data: unknown): string | undefined;
  /** Targets that cannot answer this query, and why (printed with the table). */
  skip?: { targets: string[]; reason: string };
}

export async function signInAsAdmin(routerUrl: string, admin: { email: string; password: string }): Promise<GraphQLSession> {
  const session = graphqlSession(routerUrl);
  const { login } = await session.request<{ login: { session: { accessToken: string } | null; errors: Array<{ message: string }> } }>(
    'mutation($input: LoginInput!) { login(input: $input) { session { accessToken } errors { message } } }',
    { input: { email: admin.email, password: admin.password } },
  );
  if (!login.session) throw new Error(`admin login failed: ${login.errors.map((e) => e.message).join('; ')}`);
  session.signIn(login.session.accessToken);
  return session;
}

const storefrontFields = 'id name price { amount currency } stock inStock averageRating reviewCount favouriteCount';
/** The page: the 20 newest products (all single-variant in the demo shop). */
export const storefrontQuery = `{ products(first: 20) { edges { node { ${storefrontFields} } } } }`;

/**
 * The variants comparison (issue 13) needs a page whose products HAVE variants: the jackets category
 * page (8 variants each, Size x Colour, the XL priced higher, an automatic 20 % sale, so `salePrice`
 * is set). Plain and with variants ask for the same page, so their ratio is the cost of the variants.
 */
const jacketsPage = 'products(first: 20, filter: { categorySlug: "jackets" })';
export const categoryPageQuery = `{ ${jacketsPage} { edges { node { ${storefrontFields} } } } }`;
/** The same page with every product's variants: sku, price, optionValues (products), salePrice (promotions), stock (inventory). */
export const variantFields = 'variants { sku price { amount currency } salePrice { amount currency } stock inStock optionValues { option value } }';
export const storefrontVariantsQuery = `{ ${jacketsPage} { edges { node { ${storefrontFields} ${variantFields} } } } }`;

/**
 * Only for building the harness before the products subgraph exists (BENCH_WORKLOAD=interim):
 * one subgraph, 20 rows, through the same servers.
 */
export const interimWorkload: Workload = {
  name: 'interim: taxRates(first: 20) (tax subgraph only)',
  query: '{ taxRates(first: 20) { edges { node { id country region category rateBasisPoints percentage } } totalCount } }',
  async seed(routerUrl, admin) {
    const session = await signInAsAdmin(routerUrl, admin);
    const { taxRates } = await session.request<{ taxRates: { totalCount: number } }>('{ taxRates(first: 0) { totalCount } }');
    for (let i = taxRates.totalCount; i < 20; i++) {
      await session.request('mutation($input: TaxRateInput!) { createTaxRate(input: $input) { taxRate { id } errors { code message } } }', {
        input: { country: 'DE', category: `bench-${i}`, rateBasisPoints: 700 + i, name: `Bench rate ${i}` },
      });
    }
  },
};
