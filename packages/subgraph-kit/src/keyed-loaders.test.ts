import { describe, expect, it } from 'vitest';
import { countByKey, rowByKey, rowsByKey } from './keyed-loaders';

interface Row {
  id: string;
  owner: string;
  n: number;
}
const rows: Row[] = [
  { id: 'a', owner: 'u1', n: 1 },
  { id: 'b', owner: 'u2', n: 2 },
  { id: 'a', owner: 'u1', n: 3 },
  { id: 'c', owner: 'u1', n: 4 },
];

function recording() {
  const calls: string[][] = [];
  const fetch = async (keys: readonly string[]) => {
    calls.push([...keys]);
    return rows.filter((row) => keys.includes(row.id) || keys.includes(row.owner));
  };
  return { calls, fetch };
}

describe('keyed per-request loaders', () => {
  it('rowByKey: one fetch for every key of the request, null for a key without a row, the first row of a key wins', async () => {
    const { calls, fetch } = recording();
    const context = {};
    const load = (id: string) => rowByKey(context, 'rows.byId', fetch, (row) => row.id).load(id);
    expect(await Promise.all([load('a'), load('b'), load('zz'), load('a')])).toEqual([rows[0], rows[1], null, rows[0]]);
    expect(calls).toEqual([['a', 'b', 'zz']]);
  });

  it('rowsByKey: every row of a key in fetch order, [] for none', async () => {
    const { calls, fetch } = recording();
    const context = {};
    const load = (owner: string) => rowsByKey(context, 'rows.byOwner', fetch, (row) => row.owner).load(owner);
    expect(await Promise.all([load('u1'), load('u2'), load('u9')])).toEqual([[rows[0], rows[2], rows[3]], [rows[1]], []]);
    expect(calls).toEqual([['u1', 'u2', 'u9']]);
  });

  it('countByKey: the fetched count, 0 for a key the map lacks', async () => {
    const context = {};
    const loader = countByKey(context, 'rows.count', async (keys) => new Map(keys.filter((key) => key !== 'none').map((key) => [key, key.length])));
    expect(await Promise.all([loader.load('abc'), loader.load('none')])).toEqual([3, 0]);
  });

  it('keeps one loader per request: another request fetches again', async () => {
    const { calls, fetch } = recording();
    const [first, second] = [{}, {}];
    await rowByKey(first, 'rows.byId', fetch, (row) => row.id).load('a');
    await rowByKey(first, 'rows.byId', fetch, (row) => row.id).load('a');
    await rowByKey(second, 'rows.byId', fetch, (row) => row.id).load('a');
    expect(calls).toEqual([['a'], ['a']]);
  });
});
