import { type ReactNode, useState } from 'react';
import { type Sort, nextSort, sortRows } from './sortable.js';

export interface Column<T, K extends string> {
  key: K;
  title: string;
  numeric?: boolean;
  value(row: T): string | number;
  render?(row: T): ReactNode;
}

/** A table whose column headers sort it (keyboard-reachable buttons, aria-sort on the sorted column). */
export function SortableTable<T, K extends string>({ caption, columns, rows, rowKey, initial }: {
  caption: string; columns: Column<T, K>[]; rows: T[]; rowKey(row: T): string; initial: Sort<K>;
}) {
  const [sort, setSort] = useState(initial);
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const sorted = sortRows(rows, sort, (row, key) => byKey.get(key)!.value(row));
  return (
    <table className="data">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col" className={c.numeric ? 'num' : ''} aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : undefined}>
              <button type="button" className="link" onClick={() => setSort(nextSort(sort, c.key, Boolean(c.numeric)))}>
                {c.title}{sort.key === c.key ? (sort.descending ? ' ↓' : ' ↑') : ''}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((row) => (
          <tr key={rowKey(row)}>{columns.map((c) => <td key={c.key} className={c.numeric ? 'num' : ''}>{c.render ? c.render(row) : c.value(row)}</td>)}</tr>
        ))}
      </tbody>
    </table>
  );
}
