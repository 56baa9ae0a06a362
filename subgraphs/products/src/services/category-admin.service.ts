import {
  CatalogValidationError,
  parseCategoryPatch,
  parseNewCategory,
  type CatalogStore,
  type Category,
  type CategoryPatch,
  type NewCategory,
} from '@shop/catalog';
import { requireRole, requireUuid, type SubgraphContext } from '@shop/subgraph-kit';
import { failure, validationFailures, writeFailures, type CatalogFailure } from './catalog-errors';

/** The input as the catalog's rules accept it, or every rule it breaks. */
function parsed<T>(parse: () => T): { value: T } | { errors: CatalogFailure[] } {
  try {
    return { value: parse() };
  } catch (error) {
    if (error instanceof CatalogValidationError) return { errors: validationFailures(error) };
    throw error;
  }
}

export type CategoryResult = { category: Category; errors: [] } | { category: null; errors: CatalogFailure[] };

/**
 * Admin writes to the category tree. They are rare, and the store checks a move against the tree
 * before writing, so this process runs them one at a time: two concurrent moves cannot race into
 * a cycle.
 */
export class CategoryAdminService {
  #queue: Promise<unknown> = Promise.resolve();

  /** @param changed runs with each category a write leaves (its `category.changed` announcement) */
  constructor(
    private readonly catalog: CatalogStore,
    private readonly changed: (category: Category) => void = () => {},
  ) {}

  async create(context: SubgraphContext, input: unknown): Promise<CategoryResult> {
    requireRole(context, 'admin');
    const checked = parsed<NewCategory>(() => parseNewCategory(input as NewCategory));
    if ('errors' in checked) return { category: null, errors: checked.errors };
    return this.serialized(() => this.catalog.createCategory(checked.value));
  }

  async update(context: SubgraphContext, id: string, patch: unknown): Promise<CategoryResult> {
    requireRole(context, 'admin');
    const categoryId = requireUuid(id);
    const checked = parsed<CategoryPatch>(() => parseCategoryPatch(patch));
    if ('errors' in checked) return { category: null, errors: checked.errors };
    return this.serialized(() => this.catalog.updateCategory(categoryId, checked.value));
  }

  private serialized(work: () => Promise<Category | null>): Promise<CategoryResult> {
    const run = async (): Promise<CategoryResult> => {
      try {
        const category = await work();
        if (category) this.changed(category);
        return category ? { category, errors: [] } : { category: null, errors: [failure('NOT_FOUND', 'No category has this id', 'id')] };
      } catch (error) {
        return { category: null, errors: writeFailures(error) };
      }
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }
}
