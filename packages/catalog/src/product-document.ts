import { z } from 'zod';
import type { ProductVariant } from './variant-model';

/**
 * The schemas stored data is parsed with on the way out, shared by both adapters: what either
 * backend returns must be a well-formed record before a service sees it. Looser than the input
 * rules on purpose (lengths, URL syntax): tightening an input rule must not make old data unreadable.
 */
export const storedImageSchema = z.object({ url: z.string(), alt: z.string() });
export const storedAttributeSchema = z.object({ name: z.string(), value: z.string() });
export const storedMoneySchema = z.object({ amount: z.number().int().min(0), currency: z.string().length(3) });
export const storedOptionSchema = z.object({ id: z.string(), name: z.string(), values: z.array(z.object({ id: z.string(), name: z.string() })) });
export const storedVariantSchema = z.object({
  id: z.string(),
  sku: z.string(),
  optionValueIds: z.array(z.string()),
  price: storedMoneySchema,
  compareAtPrice: storedMoneySchema.nullable(),
  images: z.array(storedImageSchema),
  published: z.boolean(),
  weightGrams: z.number().int().nullable(),
}) satisfies z.ZodType<ProductVariant>;

/**
 * The fields a product keeps in its document (PostgreSQL's `document` JSONB column). `options` and
 * `variants` are absent only from a product stored before variants existed and not migrated yet:
 * readers then see its default variant (`defaultVariant`), exactly what the migration writes.
 */
export const productDocumentSchema = z.object({
  description: z.string(),
  images: z.array(storedImageSchema),
  attributes: z.array(storedAttributeSchema),
  options: z.array(storedOptionSchema).optional(),
  variants: z.array(storedVariantSchema).min(1).optional(),
});
