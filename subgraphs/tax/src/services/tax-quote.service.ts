import { z } from 'zod';
import { badUserInput, isoCountry } from '@shop/subgraph-kit';
import type { TaxRateStore } from '../stores/tax-rate.store';
import { calculateTax, type TaxCalculation } from './tax-calculator';

export const MAX_QUOTE_LINES = 500;

const quoteInput = z.object({
  country: z.string().transform((value, ctx) => {
    const code = isoCountry(value);
    if (!code) ctx.addIssue({ code: 'custom', message: 'must be an ISO 3166-1 alpha-2 code' });
    return code ?? z.NEVER;
  }),
  region: z
    .string()
    .trim()
    .max(50)
    .nullish()
    .transform((value) => (value ? value.toUpperCase() : null)),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
  lines: z
    .array(
      z.object({
        lineId: z.string().min(1).max(100),
        categoryId: z.string().max(100).nullish(),
        amount: z.number().int().min(0, 'must be 0 or more'),
        quantity: z.number().int().min(1, 'must be 1 or more'),
      }),
    )
    .min(1, 'at least one line is required')
    .max(MAX_QUOTE_LINES, `at most ${MAX_QUOTE_LINES} lines`)
    .refine((lines) => new Set(lines.map((line) => line.lineId)).size === lines.length, 'line ids must be distinct'),
});

export type TaxQuoteInputShape = z.input<typeof quoteInput>;

/** Previews tax with the calculator the checkout uses, over the rates valid now. */
export class TaxQuoteService {
  constructor(
    private readonly rates: TaxRateStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async quote(input: TaxQuoteInputShape): Promise<TaxCalculation> {
    const parsed = quoteInput.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = ['input', ...issue.path.map(String)].join('.');
      throw badUserInput(`${path}: ${issue.message}`, { argument: path });
    }
    const { country, region, currency, lines } = parsed.data;
    const rates = await this.rates.forCountry(country);
    return calculateTax({ address: { country, region }, lines, currency, rates, at: this.now() });
  }
}
