import { demoCategories, demoProducts, prng, type DemoProduct, type DemoVariant } from './demo-catalog';
import { graphqlSession, untilAccepted, type GraphQLSession } from './graphql-session';

type Errors = { errors: Array<{ code: string; message: string }> };

export interface SeedSummary {
  categories: number;
  products: number;
  reviews: number;
  wishlistItems: number;
  taxRates: number;
  shippingRates: number;
  promotions: number;
}

const demoCustomers = ['Ada', 'Grace', 'Linus', 'Margaret', 'Alan', 'Barbara', 'Dennis', 'Frances'];
const reviewTitles = ['Love it', 'Solid value', 'As described', 'Could be better', 'Excellent quality', 'Not for me'];

function check<T extends Errors>(result: T, what: string): T {
  if (result.errors.length > 0) throw new Error(`seed: ${what}: ${result.errors.map((e) => `${e.code} ${e.message}`).join('; ')}`);
  return result;
}

async function seedCatalog(admin: GraphQLSession) {
  const categoryIds = new Map<string, string>();
  for (const [position, category] of demoCategories.entries()) {
    const { createCategory } = await admin.request<{ createCategory: Errors & { category: { id: string } } }>(
      'mutation($input: CreateCategoryInput!) { createCategory(input: $input) { category { id } errors { code message } } }',
      { input: { slug: category.slug, name: category.name, parentId: category.parent ? categoryIds.get(category.parent) : null, position } },
    );
    categoryIds.set(category.slug, check(createCategory, `category ${category.slug}`).category.id);
  }
  const products = [];
  for (const product of demoProducts()) {
    const { createProduct } = await admin.request<{ createProduct: Errors & { product: { id: string } } }>(
      'mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id } errors { code message } } }',
      {
        input: {
          sku: product.sku,
          slug: product.slug,
          name: product.name,
          description: product.description,
          price: { amount: product.price, currency: 'EUR' },
          categoryId: categoryIds.get(product.categorySlug),
          images: product.images,
          attributes: product.attributes,
          published: product.published,
        },
      },
    );
    const id = check(createProduct, `product ${product.sku}`).product.id;
    products.push({ ...product, id, variants: await seedVariants(admin, id, product) });
  }
  return { categoryIds, products };
}

type VariantsPayload = { product: { variants: Array<{ id: string; sku: string }> } | null } & Errors;

/**
 * A product's options, then every combination in one `generateProductVariants` call (the default
 * variant `createProduct` made takes the first values), in ONE request (mutation fields run in
 * order); then, in a second, the variants priced differently. Returns the variants with their ids,
 * checked against the demo data (same skus, same order).
 */
async function seedVariants(admin: GraphQLSession, productId: string, product: DemoProduct): Promise<Array<DemoVariant & { id: string }>> {
  if (product.skuPrefix === null) return [{ ...product.variants[0]!, id: productId }];
  const options = product.options.map((_, i) => `option${i}: addProductOption(productId: $productId, input: $option${i}) { errors { code message } }`);
  const declared = product.options.map((_, i) => `$option${i}: AddProductOptionInput!`).join(', ');
  const result = await admin.request<Record<string, Errors> & { generate: VariantsPayload }>(
    `mutation($productId: ID!, ${declared}, $generate: GenerateProductVariantsInput!) {
      ${options.join('\n')}
      generate: generateProductVariants(productId: $productId, input: $generate) { product { variants { id sku } } errors { code message } }
    }`,
    {
      productId,
      ...Object.fromEntries(product.options.map((option, i) => [`option${i}`, option])),
      generate: { skuPrefix: product.skuPrefix, price: { amount: product.price, currency: 'EUR' } },
    },
  );
  product.options.forEach((option, i) => check(result[`option${i}`]!, `option ${option.name} of ${product.sku}`));
  const variants = check(result.generate, `variants of ${product.sku}`).product!.variants;
  const skus = variants.map((variant) => variant.sku);
  if (skus.join() !== product.variants.map((variant) => variant.sku).join()) throw new Error(`seed: ${product.sku} has the variants ${skus.join(', ')}`);
  const repriced = product.variants.flatMap((variant, index) => (variant.price === product.price ? [] : [{ id: variants[index]!.id, variant }]));
  if (repriced.length > 0) {
    const updates = repriced.map((_, i) => `price${i}: updateProductVariant(id: $id${i}, input: $input${i}) { errors { code message } }`);
    const declaredUpdates = repriced.map((_, i) => `$id${i}: ID!, $input${i}: UpdateProductVariantInput!`).join(', ');
    const updated = await admin.request<Record<string, Errors>>(
      `mutation(${declaredUpdates}) { ${updates.join('\n')} }`,
      Object.fromEntries(
        repriced.flatMap(({ id, variant }, i) => [
          [`id${i}`, id],
          [`input${i}`, { price: { amount: variant.price, currency: 'EUR' } }],
        ]),
      ),
    );
    repriced.forEach(({ variant }, i) => check(updated[`price${i}`]!, `price of ${variant.sku}`));
  }
  return product.variants.map((variant, index) => ({ ...variant, id: variants[index]!.id }));
}

/** Stock per variant (a product without options has one, the default variant, which has the product's id). */
async function seedStock(admin: GraphQLSession, products: Array<{ variants: Array<{ id: string; sku: string; stock: number }> }>) {
  for (const variant of products.flatMap((product) => product.variants).filter((v) => v.stock > 0)) {
    // Inventory learns products and their variants from product events, so it may not know one yet.
    const result = await untilAccepted(
      async () =>
        (
          await admin.request<{ adjustStock: Errors }>('mutation($input: AdjustStockInput!) { adjustStock(input: $input) { errors { code message } } }', {
            input: { variantId: variant.id, delta: variant.stock, reason: 'Demo stock', idempotencyKey: `seed-${variant.sku}` },
          })
        ).adjustStock,
      'UNKNOWN_VARIANT',
    );
    check(result, `stock for ${variant.sku}`);
  }
}

async function seedCustomers(url: string, products: Array<{ id: string; published: boolean }>) {
  const random = prng(7);
  const published = products.filter((p) => p.published);
  let reviews = 0;
  let wishlistItems = 0;
  for (const name of demoCustomers) {
    const customer = graphqlSession(url);
    const { register } = await customer.request<{ register: Errors & { session: { accessToken: string } | null } }>(
      'mutation($input: RegisterInput!) { register(input: $input) { session { accessToken } errors { code message } } }',
      { input: { email: `${name.toLowerCase()}@example.com`, password: 'demo-password-123', name } },
    );
    customer.signIn(check(register, `customer ${name}`).session!.accessToken);
    for (const product of published.filter(() => random() < 0.18)) {
      const rating = 1 + Math.min(4, Math.floor(random() * 5.6));
      const added = await untilAccepted(
        async () =>
          (
            await customer.request<{ addReview: Errors }>('mutation($input: AddReviewInput!) { addReview(input: $input) { errors { code message } } }', {
              input: { productId: product.id, rating, title: reviewTitles[rating % reviewTitles.length], body: `${name} rated this ${rating} out of 5.` },
            })
          ).addReview,
        'UNKNOWN_PRODUCT',
      );
      check(added, `review by ${name}`);
      reviews++;
    }
    for (const product of published.filter(() => random() < 0.03)) {
      const saved = await untilAccepted(
        async () =>
          (
            await customer.request<{ addToWishlist: Errors }>('mutation($id: ID!) { addToWishlist(productId: $id) { errors { code message } } }', {
              id: product.id,
            })
          ).addToWishlist,
        'UNKNOWN_PRODUCT',
      );
      check(saved, `wishlist of ${name}`);
      wishlistItems++;
    }
  }
  return { reviews, wishlistItems };
}

const taxRates = [
  { country: 'DE', rateBasisPoints: 1900, name: 'MwSt. standard' },
  { country: 'FR', rateBasisPoints: 2000, name: 'TVA standard' },
  { country: 'GB', rateBasisPoints: 2000, name: 'VAT standard' },
  { country: 'US', region: 'CA', rateBasisPoints: 725, name: 'California sales tax' },
  { country: 'US', region: 'NY', rateBasisPoints: 400, name: 'New York sales tax' },
];

/** Demo shipping to the seeded tax countries and two neighbours, in the catalogue's currency (EUR). */
const shippingRates = [
  { country: 'DE', carrier: 'DHL', name: 'DHL Paket', price: { amount: 499, currency: 'EUR' }, freeOver: { amount: 5000, currency: 'EUR' }, estimatedDays: 2 },
  { country: 'DE', carrier: 'Hermes', name: 'Hermes Paket', price: { amount: 449, currency: 'EUR' }, estimatedDays: 3 },
  { country: 'DE', carrier: 'DHL', name: 'DHL Express', price: { amount: 1290, currency: 'EUR' }, estimatedDays: 1 },
  {
    country: 'AT',
    carrier: 'DHL',
    name: 'DHL Paket International',
    price: { amount: 690, currency: 'EUR' },
    freeOver: { amount: 7500, currency: 'EUR' },
    estimatedDays: 3,
  },
  {
    country: 'FR',
    carrier: 'Colissimo',
    name: 'Colissimo International',
    price: { amount: 695, currency: 'EUR' },
    freeOver: { amount: 6000, currency: 'EUR' },
    estimatedDays: 3,
  },
  { country: 'FR', carrier: 'Chronopost', name: 'Chronopost Express', price: { amount: 1490, currency: 'EUR' }, estimatedDays: 1 },
  {
    country: 'NL',
    carrier: 'PostNL',
    name: 'PostNL Standaard',
    price: { amount: 595, currency: 'EUR' },
    freeOver: { amount: 6000, currency: 'EUR' },
    estimatedDays: 2,
  },
  { country: 'GB', carrier: 'Royal Mail', name: 'Royal Mail International Tracked', price: { amount: 1250, currency: 'EUR' }, estimatedDays: 5 },
  {
    country: 'US',
    carrier: 'UPS',
    name: 'UPS Worldwide Expedited',
    price: { amount: 2490, currency: 'EUR' },
    freeOver: { amount: 25_000, currency: 'EUR' },
    estimatedDays: 6,
  },
  { country: 'US', carrier: 'DHL', name: 'DHL Express Worldwide', price: { amount: 3990, currency: 'EUR' }, estimatedDays: 3 },
];

async function seedShippingRates(admin: GraphQLSession): Promise<number> {
  for (const rate of shippingRates) {
    const { createShippingRate } = await admin.request<{ createShippingRate: Errors }>(
      'mutation($input: ShippingRateInput!) { createShippingRate(input: $input) { errors { code message } } }',
      { input: rate },
    );
    check(createShippingRate, `shipping rate ${rate.name} to ${rate.country}`);
  }
  return shippingRates.length;
}

async function seedTaxAndPromotions(admin: GraphQLSession, categoryIds: Map<string, string>) {
  for (const rate of taxRates) {
    const { createTaxRate } = await admin.request<{ createTaxRate: Errors }>(
      'mutation($input: TaxRateInput!) { createTaxRate(input: $input) { errors { code message } } }',
      { input: rate },
    );
    check(createTaxRate, `tax rate ${rate.name}`);
  }
  const textiles = categoryIds.get('textiles');
  const { createTaxRate } = await admin.request<{ createTaxRate: Errors }>(
    'mutation($input: TaxRateInput!) { createTaxRate(input: $input) { errors { code message } } }',
    { input: { country: 'DE', category: textiles, rateBasisPoints: 700, name: 'MwSt. reduced (demo)' } },
  );
  check(createTaxRate, 'reduced tax rate');
  const promotions = [
    { name: 'Winter jackets sale', kind: 'PERCENTAGE', value: 2000, categoryIds: [categoryIds.get('jackets')] },
    { name: 'Welcome coupon', kind: 'PERCENTAGE', value: 1000, couponCode: 'WELCOME10', minimumSubtotal: { amount: 5000, currency: 'EUR' } },
  ];
  for (const promotion of promotions) {
    // Promotions learns the catalog's categories from category.changed events.
    const createPromotion = await untilAccepted(
      async () =>
        (
          await admin.request<{ createPromotion: Errors }>('mutation($input: PromotionInput!) { createPromotion(input: $input) { errors { code message } } }', {
            input: promotion,
          })
        ).createPromotion,
      'UNKNOWN_CATEGORY',
    );
    check(createPromotion, `promotion ${promotion.name}`);
  }
  return { taxRates: taxRates.length + 1, promotions: promotions.length };
}

/**
 * Fills an empty shop through the public API as the admin and a few demo customers, exactly as
 * clients would: categories, 240 products (shirts and jackets in sizes and colours, shoes in
 * sizes), stock, reviews, wishlists, tax rates, shipping rates, promotions.
 */
export async function seedShop(routerUrl: string, admin: { email: string; password: string }): Promise<SeedSummary> {
  const session = graphqlSession(routerUrl);
  const { login } = await session.request<{ login: Errors & { session: { accessToken: string } | null } }>(
    'mutation($input: LoginInput!) { login(input: $input) { session { accessToken } errors { code message } } }',
    { input: admin },
  );
  session.signIn(check(login, 'admin login').session!.accessToken);
  const { categoryIds, products } = await seedCatalog(session);
  await seedStock(session, products);
  const customers = await seedCustomers(routerUrl, products);
  const extras = await seedTaxAndPromotions(session, categoryIds);
  const shipping = await seedShippingRates(session);
  return { categories: categoryIds.size, products: products.length, ...customers, ...extras, shippingRates: shipping };
}
