import { InvalidCategoryParentError } from './catalog-errors';

/**
 * The rule both adapters apply before moving a category: the new parent must exist and must not be
 * the category or one of its descendants (`subtree`, from `descendantIds`), or the tree would
 * grow a cycle. Two concurrent moves can still race into one; services serialize category edits
 * (they are rare, admin-only writes).
 */
export async function assertValidParent(parentId: string, subtree: readonly string[], exists: (id: string) => Promise<boolean>): Promise<void> {
  if (subtree.includes(parentId)) throw new InvalidCategoryParentError(parentId, 'cycle');
  if (!(await exists(parentId))) throw new InvalidCategoryParentError(parentId, 'not-found');
}
