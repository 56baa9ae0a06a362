import { z } from 'zod';

/**
 * The schemas stored data is parsed with on the way out, shared by both adapters: what either
 * backend returns must be a well-formed record before a service sees it. Looser than the input
 * rules on purpose (lengths, URL syntax): tightening an input rule must not make old data unreadable.
 */
export const storedImageSchema = z.object({ url: z.string(), alt: z.string() });
export const storedAttributeSchema = z.object({ name: z.string(), value: z.string() });
export const storedMoneySchema = z.object({ amount: z.number().int().min(0), currency: z.string().length(3) });

/** The fields a product keeps in its document (PostgreSQL's `document` JSONB column). */
export const productDocumentSchema = z.object({
  description: z.string(),
  images: z.array(storedImageSchema),
  attributes: z.array(storedAttributeSchema),
});
