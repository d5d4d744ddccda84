import { expect, test } from 'vitest';
import { nextSort, sortRows } from './sortable.js';

test('sorts by a column either way, numbers as numbers, and a second click turns the order round', () => {
  const rows = [{ skill: 'b', users: 2 }, { skill: 'a', users: 10 }, { skill: 'c', users: 2 }];
  const value = (row: (typeof rows)[number], key: 'skill' | 'users') => row[key];
  expect(sortRows(rows, { key: 'users', descending: true }, value).map((r) => r.skill)).toEqual(['a', 'b', 'c']);
  expect(sortRows(rows, { key: 'skill', descending: false }, value).map((r) => r.skill)).toEqual(['a', 'b', 'c']);
  const first = nextSort({ key: 'skill' as const, descending: false }, 'users', true);
  expect(first).toEqual({ key: 'users', descending: true });
  expect(nextSort(first, 'users', true)).toEqual({ key: 'users', descending: false });
});
