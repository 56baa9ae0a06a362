import { graphqlClient } from '@shop/testkit';
import { LoginDocument, RegisterDocument } from '../__generated__/graphql';
import { strongPassword, uniqueEmail } from './embedded-shop';

export interface Actor {
  userId: string;
  token: string;
}

/** Signs in as the embedded shop's configured admin. */
export async function signInAdmin(routerUrl: string, admin: { email: string; password: string }): Promise<Actor> {
  const result = await graphqlClient(routerUrl)(LoginDocument, { input: admin });
  const session = result.data?.login.session;
  if (!session) throw new Error(`admin login failed: ${JSON.stringify(result)}`);
  return { userId: session.user.id, token: session.accessToken };
}

/** Registers a fresh customer. */
export async function newCustomer(routerUrl: string, name = 'Shopper'): Promise<Actor> {
  const result = await graphqlClient(routerUrl)(RegisterDocument, { input: { email: uniqueEmail(name.toLowerCase()), password: strongPassword, name } });
  const session = result.data?.register.session;
  if (!session) throw new Error(`register failed: ${JSON.stringify(result)}`);
  return { userId: session.user.id, token: session.accessToken };
}

/**
 * Repeats a mutation while its payload says a subgraph has not yet heard of the product or category (events
 * travel asynchronously), up to a bounded number of attempts.
 */
/**
 * Applies a coupon once orders has heard of it: orders judges codes on its copy of the coupons,
 * kept from promotions' events, so a coupon created a moment ago may still be COUPON_NOT_FOUND.
 */
export async function whenCouponKnown<T extends { errors: Array<{ code: string }> }>(attempt: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const result = await attempt();
    if (result && !result.errors.some((e) => e.code === 'COUPON_NOT_FOUND')) return result;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('coupon never became known to orders');
}

export async function whenKnown<T extends { errors: Array<{ code: string }> }>(attempt: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const result = await attempt();
    if (result && !result.errors.some((e) => e.code === 'UNKNOWN_PRODUCT' || e.code === 'UNKNOWN_VARIANT' || e.code === 'UNKNOWN_CATEGORY')) return result;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('product, variant or category never became known to the subgraph');
}
