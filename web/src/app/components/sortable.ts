/** A table's sort: by one column, either way; ties keep their order (Array.prototype.sort is stable). */
export interface Sort<K extends string> {
  key: K;
  descending: boolean;
}

export function sortRows<T, K extends string>(rows: T[], sort: Sort<K>, value: (row: T, key: K) => string | number): T[] {
  const sign = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const [x, y] = [value(a, sort.key), value(b, sort.key)];
    return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
  });
}

/** Clicking a column sorts by it; clicking it again turns the order round. */
export const nextSort = <K extends string>(sort: Sort<K>, key: K, numeric: boolean): Sort<K> =>
  sort.key === key ? { key, descending: !sort.descending } : { key, descending: numeric };
