import { buildSchema, graphql, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectsField } from './selects-field';

const schema = buildSchema(`
  type Query { page: Page }
  type Page { totalCount: Int, items: [Item] }
  type Item { totalCount: Int }
`);

async function seen(query: string): Promise<boolean> {
  let answer: boolean | undefined;
  const page = (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
    answer = selectsField(info, 'totalCount');
    return { totalCount: 1, items: [] };
  };
  const result = await graphql({ schema, source: query, rootValue: { page } });
  expect(result.errors).toBeUndefined();
  return answer!;
}

describe('selectsField', () => {
  it('sees the field directly, in inline fragments and in named fragments (nested ones too)', async () => {
    expect(await seen('{ page { totalCount } }')).toBe(true);
    expect(await seen('{ page { ... on Page { totalCount } } }')).toBe(true);
    expect(await seen('{ page { ...A } } fragment A on Page { ...B } fragment B on Page { totalCount }')).toBe(true);
    expect(await seen('{ page { n: totalCount } }')).toBe(true);
  });

  it('does not see it when only a child field of that name is selected, or when it is absent', async () => {
    expect(await seen('{ page { items { totalCount } } }')).toBe(false);
    expect(await seen('{ page { ...A ...A } } fragment A on Page { items { totalCount } }')).toBe(false);
    expect(await seen('{ page { __typename } }')).toBe(false);
  });
});
