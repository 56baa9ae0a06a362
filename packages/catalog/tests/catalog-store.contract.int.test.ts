import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CatalogConflictError,
  CatalogValidationError,
  CatalogVersionConflictError,
  InvalidCategoryParentError,
  InvalidCursorError,
  productSorts,
  type CatalogStore,
  type Category,
  type Product,
} from '../src';
import { catalogBackends, storePerSuite } from './catalog-backends';
import { expectedOrder, productInput, steppingClock, unique } from './catalog-test-support';

/** ONE suite, every adapter: PostgreSQL JSONB on PGlite and on a real server, MongoDB on FerretDB. */
describe.each(catalogBackends.map((backend) => [backend.name, backend] as const))('catalog store contract on %s', (_name, backend) => {
  let store: CatalogStore;
  storePerSuite(backend, steppingClock(), (opened) => {
    store = opened;
  });

  const category = (name = 'Category', parentId: string | null = null, position = 0): Promise<Category> =>
    store.createCategory({ slug: unique(name.toLowerCase()), name, parentId, position });

  it('answers ping and tolerates ensureSchema twice', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
    await expect(store.ensureSchema()).resolves.toBeUndefined();
  });

  it('creates, reads, updates and deletes a product with every field', async () => {
    const { id: categoryId } = await category();
    const input = productInput(categoryId, {
      description: 'Soft organic cotton.',
      price: { amount: 2599, currency: 'GBP' },
      images: [
        { url: 'https://cdn.example.com/tee-front.jpg', alt: 'Front' },
        { url: 'https://cdn.example.com/tee-back.jpg', alt: '' },
      ],
      attributes: [
        { name: 'colour', value: 'red' },
        { name: 'size', value: 'M' },
      ],
      published: true,
    });
    const created = await store.createProduct(input);
    expect(created).toEqual({
      ...input,
      id: expect.any(String),
      createdAt: expect.any(Date),
      updatedAt: created.createdAt,
      version: 1,
      options: [],
      // The default variant: the product's own id, sku and price.
      variants: [
        { id: created.id, sku: input.sku, optionValueIds: [], price: input.price, compareAtPrice: null, images: [], published: true, weightGrams: null },
      ],
    });
    expect(await store.getProducts([created.id])).toEqual([created]);
    expect(await store.getProductBySlug(input.slug)).toEqual(created);

    const updated = await store.updateProduct(created.id, { name: 'Renamed tee', price: { amount: 1999, currency: 'GBP' }, images: [] });
    expect(updated).toEqual({
      ...created,
      name: 'Renamed tee',
      price: { amount: 1999, currency: 'GBP' },
      images: [],
      // A product-level price is its only variant's.
      variants: [{ ...created.variants[0], price: { amount: 1999, currency: 'GBP' } }],
      version: 2,
      updatedAt: expect.any(Date),
    });
    expect(updated!.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
    const described = await store.updateProduct(created.id, { description: 'Now with pockets.', published: false });
    expect(described).toMatchObject({ description: 'Now with pockets.', attributes: input.attributes, published: false, version: 3 });
    expect(await store.getProducts([created.id])).toEqual([described]);

    expect(await store.deleteProduct(created.id)).toBe(true);
    expect(await store.getProducts([created.id])).toEqual([]);
    expect(await store.getProductBySlug(input.slug)).toBeNull();
    expect(await store.deleteProduct(created.id)).toBe(false);
    expect(await store.updateProduct(created.id, { name: 'Ghost' })).toBeNull();
    expect(await store.deleteProduct('not-a-uuid')).toBe(false);
  });

  it('applies defaults and keeps a caller-chosen id (lower-cased)', async () => {
    const { id: categoryId } = await category();
    const id = randomUUID();
    const created = await store.createProduct(productInput(categoryId, { id: id.toUpperCase() }));
    expect(created).toMatchObject({ id, description: '', images: [], attributes: [], published: false, version: 1 });
  });

  it('refuses a duplicate sku, slug or id with CatalogConflictError naming the field', async () => {
    const { id: categoryId } = await category();
    const first = await store.createProduct(productInput(categoryId));
    const second = await store.createProduct(productInput(categoryId));
    const conflict = (field: string) => ({ name: 'CatalogConflictError', entity: 'product', field });

    await expect(store.createProduct(productInput(categoryId, { sku: first.sku }))).rejects.toSatisfy(
      (error) => error instanceof CatalogConflictError && error.field === 'sku' && error.value === first.sku,
    );
    await expect(store.createProduct(productInput(categoryId, { slug: first.slug }))).rejects.toMatchObject(conflict('slug'));
    await expect(store.createProduct(productInput(categoryId, { id: first.id }))).rejects.toMatchObject(conflict('id'));
    await expect(store.updateProduct(second.id, { sku: first.sku })).rejects.toMatchObject(conflict('sku'));
    await expect(store.updateProduct(second.id, { slug: first.slug })).rejects.toMatchObject(conflict('slug'));
    expect(await store.getProducts([second.id])).toEqual([second]);

    const shirts = await category('Shirts');
    await expect(store.createCategory({ slug: shirts.slug, name: 'Other' })).rejects.toMatchObject({ entity: 'category', field: 'slug' });
    const other = await category('Other');
    await expect(store.updateCategory(other.id, { slug: shirts.slug })).rejects.toBeInstanceOf(CatalogConflictError);
  });

  it('rejects a stale expectedVersion and leaves the product unchanged', async () => {
    const { id: categoryId } = await category();
    const created = await store.createProduct(productInput(categoryId));
    const v2 = await store.updateProduct(created.id, { name: 'First writer' }, 1);
    expect(v2?.version).toBe(2);
    const stale = store.updateProduct(created.id, { name: 'Second writer' }, 1);
    await expect(stale).rejects.toBeInstanceOf(CatalogVersionConflictError);
    await expect(stale).rejects.toMatchObject({ id: created.id, expectedVersion: 1, actualVersion: 2 });
    expect(await store.getProducts([created.id])).toEqual([v2]);
    expect(await store.updateProduct(randomUUID(), { name: 'Nobody' }, 1)).toBeNull();
    expect((await store.updateProduct(created.id, { name: 'Third writer' }, 2))?.version).toBe(3);

    const racers = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => store.updateProduct(created.id, { name: `Racer ${n}` }, 3)));
    expect(racers.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(racers.filter((result) => result.status === 'rejected' && result.reason instanceof CatalogVersionConflictError)).toHaveLength(4);
    expect((await store.getProducts([created.id]))[0]?.version).toBe(4);
  });

  it('getProducts returns only existing products, in the requested order, once each', async () => {
    const { id: categoryId } = await category();
    const a = await store.createProduct(productInput(categoryId));
    const b = await store.createProduct(productInput(categoryId));
    const found = await store.getProducts([b.id, randomUUID(), a.id, a.id, 'garbage', b.id.toUpperCase()]);
    expect(found.map((product) => product.id)).toEqual([b.id, a.id]);
    expect(await store.getProducts([])).toEqual([]);
  });

  it('filters by category subtree, price range, currency, published and ids', async () => {
    const clothing = await category('Clothing');
    const shirts = await category('Shirts', clothing.id);
    const tees = await category('Tees', shirts.id);
    const shoes = await category('Shoes');
    const make = (categoryId: string, amount: number, published = true, currency = 'EUR') =>
      store.createProduct(productInput(categoryId, { price: { amount, currency }, published }));
    const coat = await make(clothing.id, 9000);
    const shirt = await make(shirts.id, 3000);
    const tee = await make(tees.id, 1500, false);
    const dollarTee = await make(tees.id, 1500, true, 'USD');
    const boot = await make(shoes.id, 3000);
    const ids = (products: Product[]) => products.map((product) => product.id).sort();
    const list = async (filter: Parameters<CatalogStore['listProducts']>[0]['filter']) => {
      const page = await store.listProducts({ filter, sort: 'PRICE_ASC', first: 50 });
      expect(page.totalCount).toBe(page.items.length);
      return page.items.map((product) => product.id).sort();
    };

    const clothingTree = await store.descendantIds(clothing.id);
    expect(await list({ categoryIds: clothingTree })).toEqual(ids([coat, shirt, tee, dollarTee]));
    expect(await list({ categoryIds: await store.descendantIds(shirts.id) })).toEqual(ids([shirt, tee, dollarTee]));
    expect(await list({ categoryIds: [shirts.id] })).toEqual(ids([shirt]));
    expect(await list({ categoryIds: [...clothingTree, shoes.id], minPrice: 1500, maxPrice: 3000 })).toEqual(ids([shirt, tee, dollarTee, boot]));
    expect(await list({ categoryIds: clothingTree, minPrice: 1501 })).toEqual(ids([coat, shirt]));
    expect(await list({ categoryIds: clothingTree, maxPrice: 3000, currency: 'EUR' })).toEqual(ids([shirt, tee]));
    expect(await list({ categoryIds: clothingTree, published: false })).toEqual(ids([tee]));
    expect(await list({ categoryIds: clothingTree, published: true })).toEqual(ids([coat, shirt, dollarTee]));
    expect(await list({ ids: [boot.id, tee.id, randomUUID(), 'garbage'] })).toEqual(ids([boot, tee]));
    expect(await list({ ids: [boot.id, tee.id], published: true })).toEqual(ids([boot]));
    expect(await list({ categoryIds: [] })).toEqual([]);
    expect(await list({ categoryIds: await store.descendantIds(randomUUID()) })).toEqual([]);
  });

  describe('pagination', () => {
    let seeded: Promise<{ categoryId: string; products: Product[] }> | undefined;
    const names = ['apple', 'Banana', 'banana split', 'bananas', 'Cherry', 'éclair', 'Zucchini', 'a b', 'ab'];
    // 25 products with tied prices, names and creation times, so every sort relies on the id tie-break.
    const seed = () =>
      (seeded ??= (async () => {
        const { id: categoryId } = await category('Paged');
        const products: Product[] = [];
        for (let i = 0; i < 25; i++) {
          const price = { amount: [500, 1000, 1000, 2500, 0][i % 5]!, currency: 'EUR' };
          products.push(await store.createProduct(productInput(categoryId, { name: names[i % names.length]!, price, published: i % 4 !== 0 })));
        }
        return { categoryId, products };
      })());

    it.each(productSorts)('pages through %s 10 + 10 + 5 without gaps or duplicates', async (sort) => {
      const { categoryId, products } = await seed();
      const filter = { categoryIds: [categoryId] };
      const pages = [];
      let after: string | null = null;
      do {
        const page = await store.listProducts({ filter, sort, first: 10, after });
        pages.push(page);
        after = page.endCursor;
        if (!page.hasNextPage) break;
      } while (pages.length < 5);
      expect(pages.map((page) => page.items.length)).toEqual([10, 10, 5]);
      expect(pages.map((page) => page.hasNextPage)).toEqual([true, true, false]);
      expect(pages.map((page) => page.totalCount)).toEqual([25, 25, 25]);
      expect(pages.flatMap((page) => page.items.map((product) => product.id))).toEqual(expectedOrder(products, sort));
      expect(pages.every((page) => typeof page.endCursor === 'string' && /^[A-Za-z0-9_-]+$/.test(page.endCursor))).toBe(true);
    });

    it('pages a filtered listing and reports its own totalCount', async () => {
      const { categoryId, products } = await seed();
      const published = products.filter((product) => product.published);
      const filter = { categoryIds: [categoryId], published: true, minPrice: 500 };
      const first = await store.listProducts({ filter, sort: 'PRICE_DESC', first: 7 });
      const rest = await store.listProducts({ filter, sort: 'PRICE_DESC', first: 100, after: first.endCursor });
      const expected = expectedOrder(
        published.filter((product) => product.price.amount >= 500),
        'PRICE_DESC',
      );
      expect([...first.items, ...rest.items].map((product) => product.id)).toEqual(expected);
      expect([first.totalCount, rest.totalCount]).toEqual([expected.length, expected.length]);
      expect(rest.hasNextPage).toBe(false);
      const empty = await store.listProducts({ filter: { categoryIds: [randomUUID()] }, sort: 'NEWEST', first: 10 });
      expect(empty).toEqual({ items: [], hasNextPage: false, endCursor: null, totalCount: 0 });
    });

    it('skips the count when countTotal is false: same page, totalCount null', async () => {
      const { categoryId, products } = await seed();
      const filter = { categoryIds: [categoryId], published: true };
      const counted = await store.listProducts({ filter, sort: 'NAME_ASC', first: 5 });
      expect(counted.totalCount).toBe(products.filter((product) => product.published).length);
      const uncounted = await store.listProducts({ filter, sort: 'NAME_ASC', first: 5, countTotal: false });
      expect(uncounted).toEqual({ ...counted, totalCount: null });
      expect(await store.listProducts({ filter: { categoryIds: [randomUUID()] }, sort: 'NEWEST', first: 10, countTotal: false })).toEqual({
        items: [],
        hasNextPage: false,
        endCursor: null,
        totalCount: null,
      });
    });

    it('rejects cursors it did not issue, and cursors of another sort, with InvalidCursorError', async () => {
      const { categoryId } = await seed();
      const filter = { categoryIds: [categoryId] };
      const { endCursor } = await store.listProducts({ filter, sort: 'PRICE_ASC', first: 2 });
      const tampered = Buffer.from(JSON.stringify({ v: 1, s: 'PRICE_ASC', k: 'DROP TABLE', i: randomUUID() })).toString('base64url');
      for (const after of ['not a cursor!', 'Zm9v', tampered, '']) {
        await expect(store.listProducts({ filter, sort: 'PRICE_ASC', first: 2, after })).rejects.toBeInstanceOf(InvalidCursorError);
      }
      await expect(store.listProducts({ filter, sort: 'NAME_ASC', first: 2, after: endCursor })).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });

  it('keeps a category tree: lists it in order, walks subtrees and refuses cycles', async () => {
    const root = await category('Root', null, 1);
    const b = await category('B', root.id, 2);
    const a = await category('A', root.id, 1);
    const leaf = await category('Leaf', a.id);
    const deeper = await category('Deeper', leaf.id);

    expect(await store.descendantIds(root.id)).toEqual([root.id, ...[a.id, b.id].sort(), leaf.id, deeper.id]);
    expect(await store.descendantIds(leaf.id)).toEqual([leaf.id, deeper.id]);
    expect(await store.descendantIds(randomUUID())).toEqual([]);
    expect(await store.getCategories([leaf.id, randomUUID(), root.id])).toEqual([leaf, root]);
    expect(await store.getCategoryBySlug(a.slug)).toEqual(a);
    expect(await store.getCategoryBySlug('missing')).toBeNull();

    // Roots first, then grouped by parent id, each group by position, then id.
    const mine = [deeper, leaf, b, root, a];
    const listed = (await store.listCategories()).filter((c) => mine.some((m) => m.id === c.id));
    const byParent = (x: Category, y: Category) =>
      x.parentId === y.parentId ? 0 : x.parentId === null ? -1 : y.parentId === null ? 1 : x.parentId < y.parentId ? -1 : 1;
    expect(listed).toEqual([...mine].sort((x, y) => byParent(x, y) || x.position - y.position || (x.id < y.id ? -1 : 1)));

    await expect(store.updateCategory(root.id, { parentId: deeper.id })).rejects.toMatchObject({ reason: 'cycle' });
    await expect(store.updateCategory(a.id, { parentId: a.id })).rejects.toBeInstanceOf(InvalidCategoryParentError);
    await expect(store.updateCategory(a.id, { parentId: randomUUID() })).rejects.toMatchObject({ reason: 'not-found' });
    await expect(store.createCategory({ slug: unique('orphan'), name: 'Orphan', parentId: randomUUID() })).rejects.toMatchObject({
      reason: 'not-found',
    });
    const moved = await store.updateCategory(leaf.id, { parentId: b.id, name: 'Moved leaf', position: 5 });
    expect(moved).toEqual({ ...leaf, parentId: b.id, name: 'Moved leaf', position: 5 });
    expect(await store.descendantIds(a.id)).toEqual([a.id]);
    expect(await store.descendantIds(b.id)).toEqual([b.id, leaf.id, deeper.id]);
    expect(await store.updateCategory(randomUUID(), { name: 'Nobody' })).toBeNull();
  });

  it('validates input before touching the database', async () => {
    const { id: categoryId } = await category();
    const bad = [
      productInput(categoryId, { price: { amount: -1, currency: 'EUR' } }),
      productInput(categoryId, { price: { amount: 12.5, currency: 'EUR' } }),
      productInput(categoryId, { price: { amount: 100, currency: 'eur' } }),
      productInput(categoryId, { slug: 'Not A Slug' }),
      productInput('not-a-uuid'),
    ];
    for (const input of bad) await expect(store.createProduct(input)).rejects.toBeInstanceOf(CatalogValidationError);
    await expect(store.listProducts({ first: 0 })).rejects.toBeInstanceOf(CatalogValidationError);
    await expect(store.listProducts({ first: 10, filter: { minPrice: 10, maxPrice: 5 } })).rejects.toBeInstanceOf(CatalogValidationError);
  });
});
