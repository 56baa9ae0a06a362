import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { SubgraphHarness } from '@shop/testkit';
import { outbox } from '../src/db/schema';

export const adminCaller = () => ({ userId: randomUUID(), roles: ['customer', 'admin'] });
export const customerCaller = () => ({ userId: randomUUID(), roles: ['customer'] });

export const rateFields = 'id country region category rateBasisPoints percentage name validFrom validTo';

export const ops = {
  create: `mutation($input: TaxRateInput!) { createTaxRate(input: $input) { taxRate { ${rateFields} } errors { code field message } } }`,
  update: `mutation($id: ID!, $input: TaxRateInput!) { updateTaxRate(id: $id, input: $input) { taxRate { ${rateFields} } errors { code field message } } }`,
  delete: `mutation($id: ID!) { deleteTaxRate(id: $id) { taxRate { ${rateFields} } errors { code field message } } }`,
  list: `query($country: String, $first: Int, $after: String) { taxRates(country: $country, first: $first, after: $after) {
    edges { cursor node { id name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }`,
  quote: `query($input: TaxQuoteInput!) { taxQuote(input: $input) {
    lines { lineId rateBasisPoints percentage taxAmount { amount currency } rateName } total { amount currency } } }`,
};

export interface RateInput {
  country: string;
  region?: string | null;
  category?: string | null;
  rateBasisPoints: number;
  name: string;
  validFrom?: string | null;
  validTo?: string | null;
}
export type Rate = Required<RateInput> & { id: string; percentage: string };
export type RatePayload = { taxRate: Rate | null; errors: Array<{ code: string; field: string | null; message: string }> };

/** Creates a rate as an admin and returns it (fails the test on errors). */
export async function createRate(tax: SubgraphHarness, input: RateInput): Promise<Rate> {
  const result = await tax.call<{ createTaxRate: RatePayload }>(ops.create, { input }, adminCaller());
  const payload = result.data!.createTaxRate;
  if (!payload.taxRate) throw new Error(`createTaxRate failed: ${JSON.stringify(payload.errors)}`);
  return payload.taxRate;
}

/** The tax-rate.changed events recorded for one rate, oldest first. */
export async function changesOf(tax: SubgraphHarness, rateId: string) {
  const rows = await tax.platform.database.db.select().from(outbox).where(eq(outbox.key, rateId)).orderBy(outbox.seq);
  return rows.map((row) => ({ type: row.type, data: row.payload.data as Record<string, unknown> }));
}

export const codes = (result: { errors?: Array<{ message: string; extensions?: { code?: string } }> }) =>
  result.errors?.map((error) => [error.extensions?.code, error.message]);
