import { randomUUID } from 'node:crypto';
import type { graphqlClient } from '@shop/testkit';
import {
  AddProductOptionDocument,
  AddVariantToCartDocument,
  AdjustStockDocument,
  CreateProductDocument,
  GenerateProductVariantsDocument,
  ProductVariantStockDocument,
  SetShippingAddressDocument,
} from '../__generated__/graphql';
import { address } from './checkout-actors';
import { newCustomer, whenKnown, type Actor } from './shop-actors';

type Client = ReturnType<typeof graphqlClient>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A published shirt in Size S, M and L made with the admin mutations (createProduct, addProductOption,
 * generateProductVariants), each size stocked with `units[size]`, once every subgraph the saga
 * needs knows every size. Returns the variant id per size.
 */
export async function shirtInSizes(client: Client, admin: Actor, categoryId: string, price: number, units: Record<'S' | 'M' | 'L', number>) {
  const as = { token: admin.token };
  const suffix = randomUUID().slice(0, 8);
  const created = await client(
    CreateProductDocument,
    {
      input: {
        sku: `SHIRT-${suffix}`,
        slug: `shirt-${suffix}`,
        name: `Shirt ${suffix}`,
        price: { amount: price, currency: 'EUR' },
        categoryId,
        published: true,
      },
    },
    as,
  );
  const productId = created.data!.createProduct.product!.id;
  const option = await client(AddProductOptionDocument, { productId, input: { name: 'Size', values: ['S', 'M', 'L'] } }, as);
  if (option.data?.addProductOption.errors.length !== 0) throw new Error(JSON.stringify(option));
  const generated = await client(
    GenerateProductVariantsDocument,
    { productId, input: { skuPrefix: `SHIRT-${suffix}`, price: { amount: price, currency: 'EUR' } } },
    as,
  );
  if (generated.data?.generateProductVariants.errors.length !== 0) throw new Error(JSON.stringify(generated));
  const sizes = await variantsBySize(client, productId);
  for (const size of ['S', 'M', 'L'] as const) {
    if (units[size] === 0) continue;
    const input = { variantId: sizes[size].id, delta: units[size], idempotencyKey: `shirt-${sizes[size].id}` };
    const adjusted = await whenKnown(async () => (await client(AdjustStockDocument, { input }, as)).data?.adjustStock);
    if (adjusted.errors.length > 0) throw new Error(`adjustStock refused: ${JSON.stringify(adjusted.errors)}`);
  }
  const deadline = Date.now() + 30_000;
  while (Object.values(await stockBySize(client, productId)).join() !== [units.S, units.M, units.L].join()) {
    if (Date.now() > deadline) throw new Error(`shirt ${productId} never showed its stock`);
    await sleep(100);
  }
  return { productId, sizes };
}

export async function variantsBySize(client: Client, productId: string) {
  const product = (await client(ProductVariantStockDocument, { id: productId })).data!.product!;
  const bySize = Object.fromEntries(product.variants.map((variant) => [variant.optionValues[0]!.value, variant]));
  return bySize as Record<'S' | 'M' | 'L', (typeof product.variants)[number]>;
}

/** Units available per size, S, M, L in that order. */
export async function stockBySize(client: Client, productId: string): Promise<{ S: number; M: number; L: number }> {
  const sizes = await variantsBySize(client, productId);
  return { S: sizes.S.stock, M: sizes.M.stock, L: sizes.L.stock };
}

/** A new customer whose cart holds `quantity` of one variant and ships to GB, once orders knows the variant. */
export async function shopperWithVariant(client: Client, routerUrl: string, variantId: string, quantity = 1) {
  const shopper = await newCustomer(routerUrl);
  const as = { token: shopper.token };
  const added = await whenKnown(async () => (await client(AddVariantToCartDocument, { variantId, quantity }, as)).data?.addToCart);
  if (added.errors.length > 0) throw new Error(JSON.stringify(added.errors));
  await client(SetShippingAddressDocument, { input: address }, as);
  return { shopper, cartId: added.cart.id, cart: added.cart };
}
