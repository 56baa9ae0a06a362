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
  { slug: 'jackets', name: 'Jackets', parent: 'clothing', nouns: ['Rain Jacket', 'Down Jacket', 'Denim Jacket', 'Parka', 'Windbreaker'], priceRange: [7900, 34900] },
  { slug: 'trousers', name: 'Trousers', parent: 'clothing', nouns: ['Chinos', 'Jeans', 'Cargo Trousers', 'Joggers'], priceRange: [3900, 12900] },
  { slug: 'shoes', name: 'Shoes', parent: null, nouns: [], priceRange: [0, 0] },
  { slug: 'running', name: 'Running', parent: 'shoes', nouns: ['Road Runner', 'Trail Runner', 'Racing Flat', 'Tempo Trainer'], priceRange: [8900, 21900] },
  { slug: 'boots', name: 'Boots', parent: 'shoes', nouns: ['Chelsea Boot', 'Hiking Boot', 'Work Boot', 'Winter Boot'], priceRange: [9900, 27900] },
  { slug: 'home', name: 'Home', parent: null, nouns: [], priceRange: [0, 0] },
  { slug: 'kitchen', name: 'Kitchen', parent: 'home', nouns: ['Chef Knife', 'Cast Iron Pan', 'Coffee Grinder', 'Kettle', 'Cutting Board'], priceRange: [1900, 15900] },
  { slug: 'lighting', name: 'Lighting', parent: 'home', nouns: ['Desk Lamp', 'Floor Lamp', 'Pendant Light', 'Reading Light'], priceRange: [2900, 19900] },
  { slug: 'textiles', name: 'Textiles', parent: 'home', nouns: ['Throw Blanket', 'Cushion Cover', 'Bath Towel', 'Duvet Cover'], priceRange: [1500, 9900] },
  { slug: 'electronics', name: 'Electronics', parent: null, nouns: [], priceRange: [0, 0] },
  { slug: 'audio', name: 'Audio', parent: 'electronics', nouns: ['Headphones', 'Earbuds', 'Bluetooth Speaker', 'Turntable'], priceRange: [3900, 39900] },
  { slug: 'accessories', name: 'Accessories', parent: 'electronics', nouns: ['Charging Cable', 'Power Bank', 'Phone Stand', 'Laptop Sleeve'], priceRange: [900, 7900] },
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

export interface DemoProduct {
  sku: string;
  slug: string;
  name: string;
  description: string;
  categorySlug: string;
  price: number;
  published: boolean;
  stock: number;
  attributes: Array<{ name: string; value: string }>;
  images: Array<{ url: string; alt: string }>;
}

const slugify = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** About 20 products per leaf category: ~300 in all. */
export function demoProducts(seed = 42): DemoProduct[] {
  const random = prng(seed);
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
      const slug = `${slugify(name)}-${slugify(colour)}-${category.slug}-${i}`;
      products.push({
        sku: `${category.slug.slice(0, 3).toUpperCase()}-${String(i + 1).padStart(3, '0')}-${colour.slice(0, 3).toUpperCase()}`,
        slug,
        name: `${name}, ${colour}`,
        description: `${name} in ${colour.toLowerCase()}: part of our ${category.name.toLowerCase()} range.`,
        categorySlug: category.slug,
        price: euros * 100 + (random() < 0.5 ? 0 : 99),
        published: random() > 0.05,
        stock: random() < 0.1 ? 0 : Math.floor(random() * 120),
        attributes: [
          { name: 'colour', value: colour },
          ...(category.parent === 'clothing' ? [{ name: 'size', value: pick(sizes) }] : []),
        ],
        images: [{ url: `https://picsum.photos/seed/${slug}/800/800`, alt: `${name} in ${colour.toLowerCase()}` }],
      });
    }
  }
  return products;
}
