import { z } from 'zod';

/** Trimmed text of at most `max` characters; empty or absent is null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

/** Trimmed, non-empty text of at most `max` characters. */
export const requiredText = (max: number) => z.string().trim().min(1).max(max);

/**
 * A postal address as every input takes it (the users' address book, the orders' shipping
 * address), so one address is valid in both: the country an ISO 3166-1 alpha-2 code, upper-cased.
 * A subgraph adds its own fields with `.extend()`.
 */
export const postalAddressInput = z.object({
  name: requiredText(100),
  line1: requiredText(200),
  line2: optionalText(200),
  city: requiredText(100),
  region: optionalText(100),
  postalCode: requiredText(20),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE'),
});

export type PostalAddress = z.infer<typeof postalAddressInput>;
