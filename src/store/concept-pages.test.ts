import { expect, test, vi } from 'vitest';
import { addVersion, bareSummary } from '../../test/small-version.js';
import { countSkills, listSkills } from './concept-pages.js';
import { EscoStore } from './esco-store.js';

const skills = (count: number, prefix: string) => Array.from({ length: count }, (_, i) =>
  `<http://data.europa.eu/esco/skill/${prefix}${String(i).padStart(3, '0')}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://data.europa.eu/esco/model#Skill> .`).join('\n');

test('a listing is read and sorted once: its pages are slices and its count a length, until the version is imported again', async () => {
  const store = new EscoStore();
  await addVersion(store, 'v1', skills(25, 'b'), 25);
  const select = vi.spyOn(store, 'select');

  const first = await listSkills(store, 'v1', {}, { limit: 10, offset: 0 });
  const last = await listSkills(store, 'v1', {}, { limit: 10, offset: 20 });
  expect(first.uris).toHaveLength(10);
  expect(first.uris).toEqual([...first.uris].sort());
  expect(first.hasNextPage).toBe(true);
  expect(last.uris.at(-1)).toBe('http://data.europa.eu/esco/skill/b024');
  expect(last).toMatchObject({ hasNextPage: false });
  expect(await countSkills(store, 'v1', {})).toBe(25);
  expect(select).toHaveBeenCalledTimes(1);

  // Another filter is another listing.
  expect(await countSkills(store, 'v1', { skillType: 'http://data.europa.eu/esco/skill-type/knowledge' })).toBe(0);
  expect(select).toHaveBeenCalledTimes(2);

  // A re-import of the version (another import time) is read anew.
  await store.stage('v1').then(async (staging) => {
    await staging.load(skills(3, 'a'), { format: 'application/n-triples', trusted: true });
    await staging.loaded();
    await staging.commit({ ...bareSummary('v1', 3), importedAt: '2026-12-03T00:00:00.000Z' });
  });
  expect((await listSkills(store, 'v1', {}, { limit: 10, offset: 0 })).uris).toEqual(
    ['a000', 'a001', 'a002'].map((id) => `http://data.europa.eu/esco/skill/${id}`));
  select.mockRestore();
});
