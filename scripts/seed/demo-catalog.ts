/**
 * The demo shop's catalogue, generated deterministically (same seed, same shop) so screenshots,
 * docs and bug reports agree. Prices are integer cents.
 */
export interface DemoCategory {
  slug: string;
  name: string;
  parent: string | null;
  nouns: string[];
  priceRange: [number, number];
}

export const demoCategories: DemoCategory[] = [
  { slug: 'clothing', name: 'Clothing', parent: null, nouns: [], priceRange: [0, 0] },
  { slug: 'shirts', name: 'Shirts', parent: 'clothing', nouns: ['Oxford Shirt', 'Linen Shirt', 'Flannel Shirt', 'Polo', 'Henley'], priceRange: [2500, 8900] },
  {
    slug: 'jackets',
    name: 'Jackets',
    parent: 'clothing',
    nouns: ['Rain Jacket', 'Down Jacket', 'Denim Jacket', 'Parka', 'Windbreaker'],
    priceRange: [7900, 34900],
  },
  { slug: 'trousers', name: 'Trousers', parent: 'clothing', nouns: ['Chinos', 'Jeans', 'Cargo Trousers', 'Joggers'], priceRange: [3900, 12900] },
  { slug: 'shoes', name: 'Shoes', parent: null, nouns: [], priceRange: [0, 0] },
  { slug: 'running', name: 'Running', parent: 'shoes', nouns: ['Road Runner', 'Trail Runner', 'Racing Flat', 'Tempo Trainer'], priceRange: [8900, 21900] },
  { slug: 'boots', name: 'Boots', parent: 'shoes', nouns: ['Chelsea Boot', 'Hiking Boot', 'Work Boot', 'Winter Boot'], priceRange: [9900, 27900] },
  { slug: 'home', name: 'Home', parent: null, nouns: [], priceRange: [0, 0] },
  {
    slug: 'kitchen',
    name: 'Kitchen',
    parent: 'home',
    nouns: ['Chef Knife', 'Cast Iron Pan', 'Coffee Grinder', 'Kettle', 'Cutting Board'],
    priceRange: [1900, 15900],
  },
  { slug: 'lighting', name: 'Lighting', parent: 'home', nouns: ['Desk Lamp', 'Floor Lamp', 'Pendant Light', 'Reading Light'], priceRange: [2900, 19900] },
  { slug: 'textiles', name: 'Textiles', parent: 'home', nouns: ['Throw Blanket', 'Cushion Cover', 'Bath Towel', 'Duvet Cover'], priceRange: [1500, 9900] },
  { slug: 'electronics', name: 'Electronics', parent: null, nouns: [], priceRange: [0, 0] },
  { slug: 'audio', name: 'Audio', parent: 'electronics', nouns: ['Headphones', 'Earbuds', 'Bluetooth Speaker', 'Turntable'], priceRange: [3900, 39900] },
  {
    slug: 'accessories',
    name: 'Accessories',
    parent: 'electronics',
    nouns: ['Charging Cable', 'Power Bank', 'Phone Stand', 'Laptop Sleeve'],
    priceRange: [900, 7900],
  },
  { slug: 'outdoor', name: 'Outdoor', parent: null, nouns: [], priceRange: [0, 0] },
  { slug: 'camping', name: 'Camping', parent: 'outdoor', nouns: ['Tent', 'Sleeping Bag', 'Camp Stove', 'Headlamp', 'Backpack'], priceRange: [2900, 44900] },
  { slug: 'cycling', name: 'Cycling', parent: 'outdoor', nouns: ['Bike Helmet', 'Bike Light', 'Saddle Bag', 'Cycling Gloves'], priceRange: [1900, 14900] },
];

const adjectives = ['Classic', 'Everyday', 'Alpine', 'Urban', 'Coastal', 'Nordic', 'Heritage', 'Lightweight', 'Premium', 'Essential', 'Rugged', 'Studio'];
const colours = ['Black', 'Navy', 'Olive', 'Sand', 'Charcoal', 'Rust', 'White', 'Forest'];
const sizes = ['XS', 'S', 'M', 'L', 'XL'];

/** mulberry32: a tiny seeded PRNG; good enough to vary demo data, never used for security. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One sellable variant of a demo product. */
export interface DemoVariant {
  /** As `generateProductVariants` names it: `<prefix>-<value>-<value>` upper-cased. */
  sku: string;
  optionValues: Array<{ option: string; value: string }>;
  /** Cents; the product's price unless this variant costs more. */
  price: number;
  /** Units to seed for this variant; 0 = out of stock. */
  stock: number;
}

export interface DemoProduct {
  /** The first variant's sku (the default variant `createProduct` makes). */
  sku: string;
  slug: string;
  name: string;
  description: string;
  categorySlug: string;
  /** Cents: the first variant's price, the lowest of the product ("from"). */
  price: number;
  published: boolean;
  /** Units over all its variants, which is what `Product.stock` answers. */
  stock: number;
  attributes: Array<{ name: string; value: string }>;
  images: Array<{ url: string; alt: string }>;
  /** What `generateProductVariants` puts before the values in a sku; null without options. */
  skuPrefix: string | null;
  /** Empty for a product without options (then it has one variant, its default). */
  options: Array<{ name: string; values: string[] }>;
  /** In the order `generateProductVariants` creates them (combinations in option order, the default first). */
  variants: DemoVariant[];
}

/** Shirts and jackets come in sizes and two colours, shoes in sizes; everything else has no options. */
const variantCategories: Record<string, 'apparel' | 'shoes'> = { shirts: 'apparel', jackets: 'apparel', running: 'shoes', boots: 'shoes' };
const apparelSizes = ['S', 'M', 'L', 'XL'];
const shoeSizes = ['40', '41', '42', '43', '44', '45'];
/** Every jacket's XL costs this much more (cents): the variants with a price of their own. */
export const JACKET_XL_SURCHARGE = 1000;

/** Every combination of the options' values, in option order (as `generateProductVariants` makes them). */
function combinations(options: DemoProduct['options']): Array<Array<{ option: string; value: string }>> {
  return options.reduce<Array<Array<{ option: string; value: string }>>>(
    (combos, option) => combos.flatMap((combo) => option.values.map((value) => [...combo, { option: option.name, value }])),
    [[]],
  );
}

/** The options and variants of one product; `random` is a stream of its own, so other products' data never shifts. */
function variantsOf(
  kind: 'apparel' | 'shoes' | undefined,
  skuPrefix: string,
  colour: string,
  price: number,
  categorySlug: string,
  random: () => number,
): { options: DemoProduct['options']; variants: DemoVariant[] | null } {
  if (!kind) return { options: [], variants: null };
  const options =
    kind === 'apparel'
      ? [
          { name: 'Size', values: apparelSizes },
          { name: 'Colour', values: [colour, colours[(colours.indexOf(colour) + 3) % colours.length]!] },
        ]
      : [{ name: 'Size', values: shoeSizes }];
  const variants = combinations(options).map((optionValues): DemoVariant => {
    const xl = categorySlug === 'jackets' && optionValues[0]!.value === 'XL';
    return {
      sku: [skuPrefix, ...optionValues.map((value) => value.value)].join('-').toUpperCase(),
      optionValues,
      price: price + (xl ? JACKET_XL_SURCHARGE : 0),
      stock: random() < 0.2 ? 0 : 1 + Math.floor(random() * 40),
    };
  });
  return { options, variants };
}

const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** About 20 products per leaf category: ~300 in all. */
export function demoProducts(seed = 42): DemoProduct[] {
  const random = prng(seed);
  const variantRandom = prng(seed + 1);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const products: DemoProduct[] = [];
  for (const category of demoCategories.filter((c) => c.nouns.length > 0)) {
    for (let i = 0; i < 20; i++) {
      const noun = category.nouns[i % category.nouns.length]!;
      const name = `${adjectives[(i * 7 + category.slug.length) % adjectives.length]} ${noun}`;
      const colour = pick(colours);
      const [min, max] = category.priceRange;
      // Prices end in 00 or 99 cents, like a real shop.
      const euros = Math.floor((min + random() * (max - min)) / 100);
      const kind = variantCategories[category.slug];
      // Apparel's colour is an option, so the name and slug leave it out.
      const apparel = kind === 'apparel';
      const slug = apparel ? `${slugify(name)}-${category.slug}-${i}` : `${slugify(name)}-${slugify(colour)}-${category.slug}-${i}`;
      const skuPrefix = `${category.slug.slice(0, 3).toUpperCase()}-${String(i + 1).padStart(3, '0')}`;
      const price = euros * 100 + (random() < 0.5 ? 0 : 99);
      const published = random() > 0.05;
      const stock = random() < 0.1 ? 0 : Math.floor(random() * 120);
      const size = category.parent === 'clothing' ? pick(sizes) : null;
      const { options, variants } = variantsOf(kind, skuPrefix, colour, price, category.slug, variantRandom);
      const sku = variants ? variants[0]!.sku : `${skuPrefix}-${colour.slice(0, 3).toUpperCase()}`;
      products.push({
        sku,
        slug,
        name: apparel ? name : `${name}, ${colour}`,
        description: apparel
          ? `${name}: part of our ${category.name.toLowerCase()} range.`
          : `${name} in ${colour.toLowerCase()}: part of our ${category.name.toLowerCase()} range.`,
        categorySlug: category.slug,
        price,
        published,
        stock: variants ? variants.reduce((sum, variant) => sum + variant.stock, 0) : stock,
        attributes: [...(apparel ? [] : [{ name: 'colour', value: colour }]), ...(size !== null && !kind ? [{ name: 'size', value: size }] : [])],
        images: [{ url: `https://picsum.photos/seed/${slug}/800/800`, alt: apparel ? name : `${name} in ${colour.toLowerCase()}` }],
        skuPrefix: variants ? skuPrefix : null,
        options,
        variants: variants ?? [{ sku, optionValues: [], price, stock }],
      });
    }
  }
  return products;
}
