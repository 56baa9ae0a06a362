import { z } from 'zod';
import { CatalogValidationError, CatalogVariantError } from './catalog-errors';
import { imageSchema, moneySchema, positionSchema, skuSchema, uuidSchema } from './catalog-input';
import { MAX_OPTION_VALUES, MAX_VARIANTS, type ProductChange } from './variant-model';

/**
 * Shapes of `ProductChange`s, checked before any rule or read. List lengths are checked first and
 * answered with LIMIT_EXCEEDED (a list longer than the product may hold is refused whole, before
 * zod walks it).
 */
const optionNameSchema = z.string().trim().min(1).max(100);
const valueNameSchema = z.string().trim().min(1).max(100);
const weightSchema = z.number().int().min(0).max(10_000_000).nullable();
const valueRefSchema = z.object({ option: optionNameSchema, value: valueNameSchema }).strict();

const variantFields = {
  sku: skuSchema,
  optionValues: z.array(valueRefSchema),
  price: moneySchema,
  compareAtPrice: moneySchema.nullable(),
  images: z.array(imageSchema).max(50),
  published: z.boolean(),
  weightGrams: weightSchema,
};

const newVariantSchema = z
  .object({
    ...variantFields,
    id: uuidSchema.optional(),
    optionValues: variantFields.optionValues.default([]),
    compareAtPrice: variantFields.compareAtPrice.default(null),
    images: variantFields.images.default([]),
    published: variantFields.published.default(true),
    weightGrams: variantFields.weightGrams.default(null),
    position: z.number().int().min(0).max(MAX_VARIANTS).optional(),
  })
  .strict();

const changeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('addOption'), name: optionNameSchema, values: z.array(valueNameSchema).min(1), position: positionSchema.optional() }).strict(),
  z.object({ kind: z.literal('updateOption'), optionId: uuidSchema, name: optionNameSchema.optional(), position: positionSchema.optional() }).strict(),
  z.object({ kind: z.literal('deleteOption'), optionId: uuidSchema }).strict(),
  z.object({ kind: z.literal('addOptionValues'), optionId: uuidSchema, values: z.array(valueNameSchema).min(1) }).strict(),
  z.object({ kind: z.literal('updateOptionValue'), optionId: uuidSchema, valueId: uuidSchema, name: valueNameSchema }).strict(),
  z.object({ kind: z.literal('deleteOptionValue'), optionId: uuidSchema, valueId: uuidSchema }).strict(),
  z.object({ kind: z.literal('createVariant'), variant: newVariantSchema }).strict(),
  z.object({ kind: z.literal('updateVariant'), variantId: uuidSchema, patch: z.object(variantFields).partial().strict() }).strict(),
  z.object({ kind: z.literal('deleteVariant'), variantId: uuidSchema }).strict(),
  z.object({ kind: z.literal('reorderVariants'), variantIds: z.array(uuidSchema) }).strict(),
  z
    .object({
      kind: z.literal('generateVariants'),
      skuPrefix: z.string().regex(/^\S{1,32}$/, 'must be 1-32 characters without whitespace'),
      price: moneySchema,
      published: z.boolean().default(true),
    })
    .strict(),
]);

export type ValidProductChange = z.output<typeof changeSchema>;

function lengthOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

/** The lists a change carries, with the most the catalog could ever accept in each. */
function boundedLists(change: Record<string, unknown>): Array<[string, unknown, number]> {
  const variant = (change.variant ?? change.patch ?? {}) as Record<string, unknown>;
  return [
    ['values', change.values, MAX_OPTION_VALUES],
    ['variantIds', change.variantIds, MAX_VARIANTS],
    ['optionValues', variant?.optionValues, MAX_OPTION_VALUES],
  ];
}

export function parseProductChange(change: ProductChange): ValidProductChange {
  if (change instanceof Object) {
    for (const [field, list, max] of boundedLists(change as unknown as Record<string, unknown>)) {
      if (lengthOf(list) > max) throw new CatalogVariantError('LIMIT_EXCEEDED', field, `${field} takes at most ${max} entries`);
    }
  }
  const result = changeSchema.safeParse(change);
  if (result.success) return result.data;
  throw new CatalogValidationError(
    'product change',
    // Paths relative to the variant, as an admin's input names them (`price.amount`, not `variant.price.amount`).
    result.error.issues.map((issue) => ({
      path: issue.path.filter((key, i) => i > 0 || (key !== 'variant' && key !== 'patch')).join('.'),
      message: issue.message,
    })),
  );
}
