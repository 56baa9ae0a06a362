import type { Filter, Sort } from 'mongodb';
import type { ProductSort } from './catalog-model';
import type { ValidListArgs } from './catalog-input';
import type { CursorPosition } from './product-cursor';
import type { ProductDoc } from './mongo-documents';

/**
 * The query pieces of `listProducts` for the MongoDB adapter. Only plain operators ($in, $gt,
 * $or, ...) so FerretDB serves them as well as MongoDB does.
 */
const sortFields: Record<ProductSort, { field: 'createdAt' | 'price.amount' | 'nameKey'; descending: boolean }> = {
  NEWEST: { field: 'createdAt', descending: true },
  PRICE_ASC: { field: 'price.amount', descending: false },
  PRICE_DESC: { field: 'price.amount', descending: true },
  NAME_ASC: { field: 'nameKey', descending: false },
};

export function filterQuery(filter: ValidListArgs['filter']): Filter<ProductDoc> {
  const query: Filter<ProductDoc> = {};
  if (filter.categoryIds) query.categoryId = { $in: filter.categoryIds };
  if (filter.ids) query._id = { $in: filter.ids };
  if (filter.minPrice !== undefined || filter.maxPrice !== undefined) {
    query['price.amount'] = {
      ...(filter.minPrice !== undefined ? { $gte: filter.minPrice } : {}),
      ...(filter.maxPrice !== undefined ? { $lte: filter.maxPrice } : {}),
    };
  }
  if (filter.currency !== undefined) query['price.currency'] = filter.currency;
  if (filter.published !== undefined) query.published = filter.published;
  return query;
}

/** Documents strictly after the cursor in (sort key, _id) order. */
export function afterCursorQuery(position: CursorPosition): Filter<ProductDoc> {
  const { field, descending } = sortFields[position.sort];
  const value = position.sort === 'NEWEST' ? new Date(position.key) : position.key;
  const beyond = descending ? '$lt' : '$gt';
  return { $or: [{ [field]: { [beyond]: value } }, { [field]: value, _id: { [beyond]: position.id } }] } as Filter<ProductDoc>;
}

export function sortSpec(sort: ProductSort): Sort {
  const { field, descending } = sortFields[sort];
  const direction = descending ? -1 : 1;
  return { [field]: direction, _id: direction };
}
