import { sql, type SQL } from 'drizzle-orm';
import { PRICE_BUCKET_EDGES, RATING_FACET_STEPS, type Position, type SearchQuery } from '../services/search-query';
import { optionFacets, optionHitsCte, variantFlags } from './variant-sql';

/**
 * A query word expands to every vocabulary term at least this trigram-similar to it. Low on
 * purpose: one transposition in a six-letter word ("jakcet" / "jacket") scores 0.27. Words that
 * merely share their first letters ("jade") stay below it, and exact matches outrank fuzzy ones.
 */
export const FUZZY_SIMILARITY = 0.25;

const all = (parts: SQL[]): SQL => (parts.length === 0 ? sql`true` : sql.join(parts, sql` and `));
const id = sql`product_id collate "C"`;

/**
 * Text matching, one CTE each: the web-search query, the query words, their fuzzy expansions
 * from the vocabulary and the expanded query (every word must match one of its expansions).
 */
function textCtes(text: string): SQL {
  return sql`input as (select websearch_to_tsquery('english', ${text}::text) as web),
    words as (select distinct w from regexp_split_to_table(lower(${text}::text), '[^[:alpha:]]+') as w where length(w) >= 3),
    expansions as (
      select words.w, '(' || string_agg('''' || t.term || '''', ' | ' order by t.term) || ')' as alternatives
      from words join search.terms t on t.term ~ '^[[:alpha:]]+$' and similarity(t.term, words.w) >= ${FUZZY_SIMILARITY}
      group by words.w),
    fuzzy as (
      select case when count(*) > 0 and count(*) = (select count(*) from words)
        then to_tsquery('simple', string_agg(alternatives, ' & ')) end as q
      from expansions),`;
}

/**
 * Each filter as a flag, so every facet can leave out its own filter. Price and options are
 * judged per published variant (see variantFlags): `f_price` holds when one variant has every
 * filtered option value and is priced within the range.
 */
function filterFlags({ filter }: SearchQuery): SQL {
  const categories =
    filter.categoryIds.length === 0
      ? sql`true`
      : sql`d.category_id in (${sql.join(
          filter.categoryIds.map((c) => sql`${c}`),
          sql`, `,
        )})`;
  const stock = filter.inStock === null ? sql`true` : sql`d.in_stock = ${filter.inStock}`;
  const rating = filter.minRating === null ? sql`true` : sql`coalesce(d.average_rating >= ${filter.minRating}::float8, false)`;
  return sql`(${categories}) as f_cat, ${variantFlags(filter)}, (${stock}) as f_stock, (${rating}) as f_rating`;
}

/**
 * Quoted phrases and `-word` ask for exact matching: typo tolerance would bring back exactly what
 * the shopper excluded ("coat -rain" must not find the Rain Coat by trigrams), so it is off then.
 */
export const usesExactSyntax = (text: string): boolean => text.includes('"') || /(^|\s)-\S/.test(text);

/** Published, not deleted, with catalog data (stock or rating events alone make no document). */
function matched(query: SearchQuery): SQL {
  const withText = query.text !== '';
  const fuzzy = withText && !usesExactSyntax(query.text);
  // Scalar subqueries (init plans), not joins: only then can each arm of the OR use its GIN index.
  // A NULL expanded query (some word has no similar term) just makes its arm not true.
  const web = sql`(select web from input)`;
  const textMatch = fuzzy
    ? sql`(d.search_vector @@ ${web} or d.search_vector @@ (select q from fuzzy) or d.name % ${query.text}::text)`
    : sql`d.search_vector @@ ${web}`;
  const score = withText
    ? sql`ts_rank(d.search_vector, (select web from input), 1) + coalesce(ts_rank(d.search_vector, (select q from fuzzy), 1), 0) / 2 + similarity(d.name, ${query.text}::text)`
    : sql`null::real`;
  const where = all([
    sql`d.published and not d.deleted and d.name is not null`,
    ...(query.filter.currency === null ? [] : [sql`d.price_currency = ${query.filter.currency}`]),
    ...(withText ? [textMatch] : []),
  ]);
  return sql`matched as (
    select d.product_id, d.category_id, d.price_amount, d.in_stock, d.average_rating, d.review_count,
      (extract(epoch from d.created_at) * 1000)::bigint as created_ms, coalesce(d.average_rating, 0) as rating_key,
      ${score} as score, ${filterFlags(query)}
    from search.documents d
    where ${where})`;
}

interface Ordering {
  orderBy: SQL;
  key: SQL;
  after: (key: Array<number | string>) => SQL;
}

const keyset = (column: string, direction: 'asc' | 'desc'): Ordering => {
  const c = sql.raw(column);
  const beyond = direction === 'asc' ? sql.raw('>') : sql.raw('<');
  return {
    orderBy: sql`${c} ${sql.raw(direction)}, ${id}`,
    key: sql`json_build_array(${c}, product_id)`,
    after: ([value, last]) => sql`(${c} ${beyond} ${value} or (${c} = ${value} and ${id} > ${last}))`,
  };
};

function ordering(query: SearchQuery): Ordering {
  switch (query.sort) {
    case 'RELEVANCE':
      return query.text === ''
        ? { ...keyset('created_ms', 'desc'), key: sql`null` }
        : { orderBy: sql`score desc, ${id}`, key: sql`null`, after: () => sql`true` };
    case 'PRICE_ASC':
      return keyset('price_amount', 'asc');
    case 'PRICE_DESC':
      return keyset('price_amount', 'desc');
    case 'NEWEST':
      return keyset('created_ms', 'desc');
    case 'RATING':
      return {
        orderBy: sql`rating_key desc, review_count desc, ${id}`,
        key: sql`json_build_array(rating_key, review_count, product_id)`,
        after: ([rating, reviews, last]) =>
          sql`(rating_key < ${rating}::float8 or (rating_key = ${rating}::float8 and (review_count < ${reviews} or (review_count = ${reviews} and ${id} > ${last}))))`,
      };
  }
}

/** Price buckets ignore the price range but not the option filters: each product counts at its lowest price among the variants with the filtered options. */
function facets(): SQL {
  const buckets = PRICE_BUCKET_EDGES.map((min, i) => {
    const max = PRICE_BUCKET_EDGES[i + 1];
    return sql`count(*) filter (where opt_price >= ${min}${max === undefined ? sql`` : sql` and opt_price < ${max}`})`;
  });
  const ratings = RATING_FACET_STEPS.map((step) => sql`count(*) filter (where average_rating >= ${step})`);
  return sql`(select coalesce(json_agg(json_build_object('categoryId', c.category_id, 'count', c.n) order by c.n desc, c.category_id collate "C"), '[]'::json)
      from (select category_id, count(*)::int as n from matched where f_price and f_stock and f_rating group by category_id) c) as categories,
    (select json_build_array(${sql.join(buckets, sql`, `)}) from matched where f_cat and f_opt and f_stock and f_rating) as price_counts,
    (select json_build_array(${sql.join(ratings, sql`, `)}) from matched where f_cat and f_price and f_stock) as rating_counts,
    (select count(*) filter (where in_stock) from matched where f_cat and f_price and f_rating)::int as in_stock,
    ${optionFacets}`;
}

/**
 * The whole search in one statement and one round trip: the page (`limit` + 1 rows, the extra
 * one only tells whether more follow), the total and every facet (the option facets over
 * `option_hits`), all over one materialized `matched` CTE.
 */
export function searchStatement(query: SearchQuery, limit: number, after: Position | null): SQL {
  const order = ordering(query);
  const offset = after && 'offset' in after ? after.offset : 0;
  const keyset = after && 'key' in after ? order.after(after.key) : sql`true`;
  return sql`with ${query.text === '' ? sql`` : textCtes(query.text)} ${matched(query)}, ${optionHitsCte(query.filter)}
    select
      (select count(*) from matched where f_cat and f_price and f_stock and f_rating)::int as total,
      (select coalesce(json_agg(json_build_object('id', h.product_id, 'score', h.score, 'key', ${order.key}) order by ${order.orderBy}), '[]'::json)
        from (select * from matched where f_cat and f_price and f_stock and f_rating and ${keyset}
          order by ${order.orderBy} limit ${limit + 1} offset ${offset}) h) as hits,
      ${facets()}`;
}
