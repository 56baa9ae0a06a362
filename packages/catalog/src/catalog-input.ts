import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { CatalogValidationError } from './catalog-errors';
import {
  productSorts,
  type ListProductsArgs,
  type NewCategory,
  type NewProduct,
  type ProductFilter,
  type ProductPage,
  type ProductSort,
} from './catalog-model';

/**
 * Validation at the store's boundary, shared by every adapter so they accept exactly the same
 * input. Ids are any RFC 4122-shaped UUID (imports may carry non-v4 ids), stored lower-case so
 * PostgreSQL's `uuid` and MongoDB's string `_id` order them identically.
 */
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Largest amount a PostgreSQL `integer` holds (EUR 21 474 836.47). */
export const MAX_AMOUNT = 2_147_483_647;

export const uuidSchema = z
  .string()
  .regex(UUID_SHAPE, 'must be a UUID')
  .transform((id) => id.toLowerCase());
export const moneySchema = z.object({
  amount: z.number().int().min(0).max(MAX_AMOUNT),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code (three upper-case letters)'),
});
export const skuSchema = z.string().regex(/^\S{1,64}$/, 'must be 1-64 characters without whitespace');
const slugSchema = z
  .string()
  .max(200)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case letters and digits separated by single hyphens');
const nameSchema = z.string().trim().min(1).max(300);
export const imageSchema = z.object({ url: z.url().max(2048), alt: z.string().max(500) });
const attributeSchema = z.object({ name: z.string().trim().min(1).max(100), value: z.string().max(500) });
export const positionSchema = z.number().int().min(-MAX_AMOUNT).max(MAX_AMOUNT);

const productFields = {
  sku: skuSchema,
  slug: slugSchema,
  name: nameSchema,
  description: z.string().max(20_000),
  price: moneySchema,
  categoryId: uuidSchema,
  images: z.array(imageSchema).max(50),
  attributes: z.array(attributeSchema).max(100),
  published: z.boolean(),
};

const newProductSchema = z.object({
  ...productFields,
  id: uuidSchema.optional(),
  description: productFields.description.default(''),
  images: productFields.images.default([]),
  attributes: productFields.attributes.default([]),
  published: productFields.published.default(false),
});
const productPatchSchema = z.object(productFields).partial().strict();

const categoryFields = { slug: slugSchema, name: nameSchema, parentId: uuidSchema.nullable(), position: positionSchema };
const newCategorySchema = z.object({
  ...categoryFields,
  id: uuidSchema.optional(),
  parentId: categoryFields.parentId.default(null),
  position: categoryFields.position.default(0),
});
const categoryPatchSchema = z.object(categoryFields).partial().strict();

export type ValidNewProduct = Required<NewProduct>;
export type ValidProductPatch = z.output<typeof productPatchSchema>;
export type ValidNewCategory = Required<NewCategory> & { parentId: string | null };
export type ValidCategoryPatch = z.output<typeof categoryPatchSchema>;

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new CatalogValidationError(
    what,
    result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  );
}

export const parseNewProduct = (input: NewProduct): ValidNewProduct => {
  const valid = parse(newProductSchema, input, 'product');
  return { ...valid, id: valid.id ?? randomUUID() };
};
export const parseProductPatch = (patch: unknown): ValidProductPatch => parse(productPatchSchema, patch, 'product patch');
export const parseNewCategory = (input: NewCategory): ValidNewCategory => {
  const valid = parse(newCategorySchema, input, 'category');
  return { ...valid, id: valid.id ?? randomUUID() };
};
export const parseCategoryPatch = (patch: unknown): ValidCategoryPatch => parse(categoryPatchSchema, patch, 'category patch');
const expectedVersionSchema = z.number().int().min(1).optional();
export const parseExpectedVersion = (version: unknown): number | undefined => parse(expectedVersionSchema, version, 'expectedVersion');

/**
 * Keeps the ids that can exist (UUID-shaped), lower-cased and de-duplicated in first-seen order.
 * Lookups by a malformed id simply find nothing, as they would in MongoDB, instead of PostgreSQL
 * rejecting the whole batch with "invalid input syntax for type uuid".
 */
export function normalizeIds(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const id of ids) if (typeof id === 'string' && UUID_SHAPE.test(id)) seen.add(id.toLowerCase());
  return [...seen];
}

/** Orders a batch result like the requested ids (missing ones left out), for DataLoader. */
export function inRequestedOrder<T extends { id: string }>(ids: readonly string[], records: readonly T[]): T[] {
  const byId = new Map(records.map((record) => [record.id, record]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The NAME_ASC sort key: case-folded and Unicode-normalized, compared by code points everywhere. */
export const nameKey = (name: string): string => name.normalize('NFKC').toLowerCase();

export interface ValidListArgs {
  filter: Omit<ProductFilter, 'categoryIds' | 'ids'> & { categoryIds?: string[]; ids?: string[] };
  sort: ProductSort;
  first: number;
  after: string | null;
  countTotal: boolean;
}

const listArgsSchema = (maxPageSize: number) =>
  z.object({
    filter: z
      .object({
        categoryIds: z.array(z.string()).max(1000).optional(),
        ids: z.array(z.string()).max(1000).optional(),
        minPrice: moneySchema.shape.amount.optional(),
        maxPrice: moneySchema.shape.amount.optional(),
        currency: moneySchema.shape.currency.optional(),
        published: z.boolean().optional(),
      })
      .strict()
      .refine((f) => f.minPrice === undefined || f.maxPrice === undefined || f.minPrice <= f.maxPrice, 'minPrice must not exceed maxPrice')
      .default({}),
    sort: z.enum(productSorts).default('NEWEST'),
    first: z.number().int().min(1).max(maxPageSize),
    after: z
      .string()
      .nullish()
      .transform((after) => after ?? null),
    countTotal: z.boolean().default(true),
  });

/** One schema per page-size bound (a store has one): building a zod schema costs more than using it. */
const listArgsSchemas = new Map<number, ReturnType<typeof listArgsSchema>>();

/** Validates list arguments; `maxPageSize` is the store's bound on `first`. */
export function parseListArgs(args: ListProductsArgs, maxPageSize: number): ValidListArgs {
  let schema = listArgsSchemas.get(maxPageSize);
  if (!schema) listArgsSchemas.set(maxPageSize, (schema = listArgsSchema(maxPageSize)));
  const valid = parse(schema, args, 'listProducts arguments');
  const { categoryIds, ids, ...rest } = valid.filter;
  return {
    ...valid,
    filter: {
      ...rest,
      ...(categoryIds ? { categoryIds: normalizeIds(categoryIds) } : {}),
      ...(ids ? { ids: normalizeIds(ids) } : {}),
    },
  };
}

/** The page of a listing that can match nothing (an empty id or category list), so no query runs; else null. */
export function pageMatchingNothing({ filter, countTotal }: ValidListArgs): ProductPage | null {
  if (filter.categoryIds?.length !== 0 && filter.ids?.length !== 0) return null;
  return { items: [], hasNextPage: false, endCursor: null, totalCount: countTotal ? 0 : null };
}
