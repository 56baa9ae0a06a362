import { isoCountry } from './country-codes';
import { badUserInput } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `first` as every schema promises it: 0 to 100, 20 when omitted; anything else BAD_USER_INPUT. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, { argument: 'first' });
  }
  return size;
}

/** A Relay connection; `Total` is `() => Promise<number>` where the count runs only when a client selects it. */
export interface Connection<T, Total = number> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: Total;
}

/** Builds a Relay connection from `size + 1` fetched rows (the extra one only tells whether more follow). */
export function toConnection<T, Total = number>(
  rows: T[],
  size: number,
  totalCount: Total,
  hasPreviousPage: boolean,
  cursorOf: (node: T) => string,
): Connection<T, Total> {
  const edges = rows.slice(0, size).map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}

/**
 * Opaque cursors over an insertion sequence: base64url of `<name>:<seq>`. A cursor of another
 * name or shape is BAD_USER_INPUT, never a database error.
 */
export function sequenceCursor(name: string) {
  const pattern = new RegExp(`^${name}:(\\d{1,15})$`);
  const encode = (seq: number): string => Buffer.from(`${name}:${seq}`).toString('base64url');
  return {
    encode,
    decode(after: string | null | undefined): number | null {
      const match = matchCursor(pattern, after);
      return match ? Number(match[1]) : null;
    },
    /** A connection of rows in sequence order; `after` is the decoded cursor the page started from. */
    toPage: <T extends { seq: number }>(rows: T[], size: number, totalCount: number, after: number | null): Connection<T> =>
      toConnection(rows, size, totalCount, after !== null, (node) => encode(node.seq)),
  };
}

/** A position in a list ordered by country, then insertion sequence (tax and shipping rates). */
export interface CountryKey {
  country: string;
  seq: number;
}

/** Where a country-ordered list comes from: a keyset page and the count, both optionally of one country. */
export interface CountryPages<T extends CountryKey> {
  page(country: string | null, after: CountryKey | null, limit: number): Promise<T[]>;
  count(country: string | null): Promise<number>;
}

/** Opaque cursors over (country, sequence): base64url of `<name>:<ISO country>:<seq>`. */
export function countryCursor(name: string) {
  const pattern = new RegExp(`^${name}:([A-Z]{2}):(\\d{1,15})$`);
  const encode = (key: CountryKey): string => Buffer.from(`${name}:${key.country}:${key.seq}`).toString('base64url');
  const decode = (after: string | null | undefined): CountryKey | null => {
    const match = matchCursor(pattern, after);
    return match ? { country: match[1]!, seq: Number(match[2]) } : null;
  };
  const toPage = <T extends CountryKey>(rows: T[], size: number, totalCount: number, after: CountryKey | null): Connection<T> =>
    toConnection(rows, size, totalCount, after !== null, encode);
  return {
    encode,
    decode,
    toPage,
    /**
     * A page of `source`, optionally of one `country` (ISO 3166-1 alpha-2, any case; anything else
     * BAD_USER_INPUT on `country`), with `first` and `after` checked like every connection's.
     */
    async list<T extends CountryKey>(
      source: CountryPages<T>,
      country: string | null | undefined,
      first: number | null | undefined,
      after: string | null | undefined,
    ): Promise<Connection<T>> {
      const code = country === null || country === undefined ? null : isoCountry(country);
      if (country && !code) throw badUserInput('country must be an ISO 3166-1 alpha-2 code', { argument: 'country' });
      const size = pageSize(first);
      const cursor = decode(after);
      const [rows, total] = await Promise.all([source.page(code, cursor, size + 1), source.count(code)]);
      return toPage(rows, size, total, cursor);
    },
  };
}

function matchCursor(pattern: RegExp, after: string | null | undefined): RegExpExecArray | null {
  if (after === null || after === undefined) return null;
  const match = pattern.exec(Buffer.from(after, 'base64url').toString());
  if (!match) throw badUserInput('after is not a valid cursor', { argument: 'after' });
  return match;
}
