import { badUserInput } from '@shop/subgraph-kit';
import type { OptionFilterQuery, SearchFilterQuery, SearchQuery, SearchSortKey } from './search-query';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
export const MAX_TEXT_LENGTH = 200;
export const MAX_CATEGORY_IDS = 50;
export const MAX_OPTION_FILTERS = 10;
export const MAX_OPTION_VALUES = 50;
export const MAX_OPTION_TEXT_LENGTH = 100;

export interface SearchFilterInput {
  categoryIds?: ReadonlyArray<string> | null;
  categorySlugs?: ReadonlyArray<string> | null;
  options?: ReadonlyArray<{ name: string; values: ReadonlyArray<string> }> | null;
  minPrice?: number | null;
  maxPrice?: number | null;
  currency?: string | null;
  inStock?: boolean | null;
  minRating?: number | null;
}

export interface SearchArgs {
  text?: string | null;
  filter?: SearchFilterInput | null;
  sort?: SearchSortKey | null;
  first?: number | null;
  after?: string | null;
}

const invalid = (argument: string, message: string) => badUserInput(message, { argument });

/** `first` as the schema promises it: 0 to 100, 20 when omitted. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) throw invalid('first', `first must be between 0 and ${MAX_PAGE_SIZE}`);
  return size;
}

function normalizeText(text: string | null | undefined): string {
  const normalized = (text ?? '').replace(/\s+/g, ' ').trim();
  if (normalized.length > MAX_TEXT_LENGTH) throw invalid('text', `text must be at most ${MAX_TEXT_LENGTH} characters`);
  return normalized;
}

function price(value: number | null | undefined, name: string): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 0) throw invalid(`filter.${name}`, `${name} must be a non-negative amount in minor units`);
  return value;
}

/** A list of category ids or slugs: trimmed, deduplicated, sorted, at most MAX_CATEGORY_IDS. */
function categoryList(values: ReadonlyArray<string> | null | undefined, name: 'categoryIds' | 'categorySlugs'): string[] {
  const list = [...new Set((values ?? []).map((value) => value.trim()))].sort();
  if (list.length > MAX_CATEGORY_IDS) throw invalid(`filter.${name}`, `${name} takes at most ${MAX_CATEGORY_IDS} values`);
  if (list.some((value) => value.length === 0)) throw invalid(`filter.${name}`, `${name} must not contain empty values`);
  return list;
}

/** The category slugs a filter names (checked like ids); the service turns them into ids. */
export const categorySlugs = (args: SearchArgs): string[] => categoryList(args.filter?.categorySlugs, 'categorySlugs');

/**
 * Option filters: at most MAX_OPTION_FILTERS options with distinct names, each with 1 to
 * MAX_OPTION_VALUES values; names and values trimmed, 1 to MAX_OPTION_TEXT_LENGTH characters,
 * compared exactly as the catalog spells them. Sorted, so equal filters look equal.
 */
function optionFilters(input: SearchFilterInput['options']): OptionFilterQuery[] {
  const options = input ?? [];
  const argument = 'filter.options';
  if (options.length > MAX_OPTION_FILTERS) throw invalid(argument, `options takes at most ${MAX_OPTION_FILTERS} options`);
  const text = (value: string, what: string) => {
    const trimmed = value.trim();
    if (trimmed.length < 1 || trimmed.length > MAX_OPTION_TEXT_LENGTH) throw invalid(argument, `${what} must be 1 to ${MAX_OPTION_TEXT_LENGTH} characters`);
    return trimmed;
  };
  const normalized = options.map((option) => {
    const name = text(option.name, 'an option name');
    if (option.values.length < 1 || option.values.length > MAX_OPTION_VALUES) {
      throw invalid(argument, `option ${JSON.stringify(name)} needs 1 to ${MAX_OPTION_VALUES} values`);
    }
    return { name, values: [...new Set(option.values.map((value) => text(value, 'an option value')))].sort() };
  });
  const names = normalized.map((option) => option.name);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) throw invalid(argument, `option ${JSON.stringify(repeated)} is given twice; list all its values once`);
  return normalized.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function normalizeFilter(input: SearchFilterInput | null | undefined): SearchFilterQuery {
  const categoryIds = categoryList(input?.categoryIds, 'categoryIds');
  const options = optionFilters(input?.options);
  const minPrice = price(input?.minPrice, 'minPrice');
  const maxPrice = price(input?.maxPrice, 'maxPrice');
  if (minPrice !== null && maxPrice !== null && minPrice > maxPrice) throw invalid('filter.maxPrice', 'maxPrice must not be below minPrice');
  const currency = input?.currency?.trim().toUpperCase() ?? null;
  if (currency !== null && !/^[A-Z]{3}$/.test(currency)) throw invalid('filter.currency', 'currency must be an ISO 4217 code such as EUR');
  const minRating = input?.minRating ?? null;
  if (minRating !== null && !(Number.isFinite(minRating) && minRating >= 1 && minRating <= 5)) {
    throw invalid('filter.minRating', 'minRating must be between 1 and 5');
  }
  return { categoryIds, options, minPrice, maxPrice, currency, inStock: input?.inStock ?? null, minRating };
}

/** Validates a search's arguments; every mistake is BAD_USER_INPUT naming the argument. */
export function normalizeSearch(args: SearchArgs): SearchQuery {
  return { text: normalizeText(args.text), filter: normalizeFilter(args.filter), sort: args.sort ?? 'RELEVANCE' };
}
