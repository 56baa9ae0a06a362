import type { CatalogStore, Category } from '@shop/catalog';
import { badUserInput, perRequest, requireUuid, rowByKey, type SubgraphContext } from '@shop/subgraph-kit';

const bySiblingOrder = (a: Category, b: Category) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Depth first: roots by position, each followed by its subtree (children by position). */
export function depthFirst(categories: readonly Category[]): Category[] {
  const children = new Map<string | null, Category[]>();
  for (const category of categories) children.set(category.parentId, [...(children.get(category.parentId) ?? []), category]);
  const ordered: Category[] = [];
  const visit = (parentId: string | null, depth: number) => {
    if (depth > 64) return;
    for (const category of (children.get(parentId) ?? []).sort(bySiblingOrder)) {
      ordered.push(category);
      visit(category.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

/** Reading the category tree; batched per request. Categories are public. */
export class CategoryReader {
  constructor(private readonly catalog: CatalogStore) {}

  byId(context: SubgraphContext, id: string): Promise<Category | null> {
    return rowByKey(
      context,
      'categories.byId',
      (ids) => this.catalog.getCategories(ids),
      (row) => row.id,
    ).load(id.toLowerCase());
  }

  category(context: SubgraphContext, args: { id?: string | null; slug?: string | null }): Promise<Category | null> {
    const hasId = args.id !== null && args.id !== undefined;
    if (hasId === (args.slug !== null && args.slug !== undefined)) throw badUserInput('Pass exactly one of id and slug');
    return hasId ? this.byId(context, requireUuid(args.id!)) : this.catalog.getCategoryBySlug(args.slug!);
  }

  /** The whole tree, read once per request however many `children` fields ask for it. */
  tree(context: SubgraphContext): Promise<Category[]> {
    return perRequest(context, 'categories.tree', async () => depthFirst(await this.catalog.listCategories()));
  }

  async children(context: SubgraphContext, parentId: string): Promise<Category[]> {
    return (await this.tree(context)).filter((category) => category.parentId === parentId).sort(bySiblingOrder);
  }
}
