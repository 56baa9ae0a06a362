import { describe, expect, it } from 'vitest';
import type { Category } from '@shop/catalog';
import { depthFirst } from './category-reader.service';

const category = (id: string, parentId: string | null, position: number): Category => ({ id, slug: id, name: id, parentId, position });

describe('depthFirst', () => {
  it('lists roots by position, each followed by its subtree, siblings by position then id', () => {
    const tree = [category('c', 'a', 1), category('b', null, 2), category('a', null, 1), category('d', 'a', 0), category('e', 'd', 0), category('f', 'a', 1)];
    expect(depthFirst(tree).map((c) => c.id)).toEqual(['a', 'd', 'e', 'c', 'f', 'b']);
    expect(depthFirst([])).toEqual([]);
  });
});
