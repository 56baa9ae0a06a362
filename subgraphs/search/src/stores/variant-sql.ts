import { sql, type SQL } from 'drizzle-orm';
import { MAX_OPTION_FACET_VALUES, type SearchFilterQuery } from '../services/search-query';

/**
 * A document's published variants as `[{ price, options: { <option>: <value> } }]`. A document
 * indexed before variants existed is its one default variant: the product's price, no options.
 */
export const documentVariants = sql`coalesce(d.variants, jsonb_build_array(jsonb_build_object('price', d.price_amount, 'options', '{}'::jsonb)))`;

const list = (values: readonly string[]): SQL =>
  sql.join(
    values.map((value) => sql`${value}::text`),
    sql`, `,
  );

/** Variant `v` has one of the filter's values for every filtered option, except `except` (a facet's own option, named by `o.key`). */
export function variantHasOptions(filter: SearchFilterQuery, except: SQL | null = null): SQL {
  if (filter.options.length === 0) return sql`true`;
  return sql.join(
    filter.options.map((option) => {
      const has = sql`(v->'options'->>${option.name}::text) in (${list(option.values)})`;
      return except ? sql`(${except} = ${option.name}::text or ${has})` : has;
    }),
    sql` and `,
  );
}

/** Variant `v` is priced within the filter's range. */
export function variantInPriceRange(filter: SearchFilterQuery): SQL {
  const bounds = [
    ...(filter.minPrice === null ? [] : [sql`(v->>'price')::int >= ${filter.minPrice}`]),
    ...(filter.maxPrice === null ? [] : [sql`(v->>'price')::int <= ${filter.maxPrice}`]),
  ];
  return bounds.length === 0 ? sql`true` : sql.join(bounds, sql` and `);
}

/**
 * The variant flags of `matched`: `f_opt` (a published variant has every filtered option value),
 * `f_price` (ONE published variant has them and is priced within the range; true without
 * either filter) and `opt_price` (the lowest price among the variants passing `f_opt`, what the
 * price buckets count).
 */
export function variantFlags(filter: SearchFilterQuery): SQL {
  const options = filter.options.length > 0;
  const priced = filter.minPrice !== null || filter.maxPrice !== null;
  const each = sql`jsonb_array_elements(${documentVariants}) v`;
  const fOpt = options ? sql`exists (select 1 from ${each} where ${variantHasOptions(filter)})` : sql`true`;
  const fPrice = options || priced ? sql`exists (select 1 from ${each} where ${variantHasOptions(filter)} and ${variantInPriceRange(filter)})` : sql`true`;
  const optPrice = options ? sql`(select min((v->>'price')::int) from ${each} where ${variantHasOptions(filter)})` : sql`d.price_amount`;
  return sql`(${fOpt}) as f_opt, (${fPrice}) as f_price, ${optPrice} as opt_price, ${documentVariants} as variants`;
}

/**
 * `option_hits`: one row per (matching product, option, value) where some published variant with
 * that value passes the price range and every option filter but its own (standard faceting: the
 * Size facet ignores the Size filter), over the products passing the other filters.
 */
export function optionHitsCte(filter: SearchFilterQuery): SQL {
  return sql`option_hits as (
    select distinct m.product_id, o.key as option, o.value #>> '{}' as value
    from matched m, jsonb_array_elements(m.variants) v, jsonb_each(v->'options') o
    where m.f_cat and m.f_stock and m.f_rating and ${variantInPriceRange(filter)} and ${variantHasOptions(filter, sql`o.key`)})`;
}

/** The option facets as JSON: options by name, each with its values, most matches first (then by value). */
export const optionFacets = sql`(select coalesce(json_agg(json_build_object('option', f.option, 'values', f.vals) order by f.option collate "C"), '[]'::json)
    from (select c.option, json_agg(json_build_object('value', c.value, 'count', c.n) order by c.n desc, c.value collate "C") as vals
      from (select option, value, count(*)::int as n, row_number() over (partition by option order by count(*) desc, value collate "C") as rank
        from option_hits group by option, value) c
      where c.rank <= ${MAX_OPTION_FACET_VALUES}
      group by c.option) f) as options`;
