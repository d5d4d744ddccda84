import { expect, test, vi } from 'vitest';
import { readEscoCsv } from '../../test/csv-oracle.js';
import { runQuery } from '../../test/graphql-client.js';
import { realStore } from '../../test/real-store.js';
import { ESCO_V111 } from '../../test/shared-data.js';

test('an occupation with 30+ essential skills and their labels costs a few store queries, not one per skill', async () => {
  const relations = (readEscoCsv(ESCO_V111(), 'occupationSkillRelations.csv') as Record<'occupationUri' | 'relationType', string>[]).filter((r) => r.relationType === 'essential');
  const counts = new Map<string, number>();
  for (const r of relations) counts.set(r.occupationUri, (counts.get(r.occupationUri) ?? 0) + 1);
  const [big] = [...counts].filter(([, n]) => n >= 30).sort((a, b) => b[1] - a[1]);
  const [small] = [...counts].filter(([, n]) => n >= 5 && n < 10);
  await runQuery('{ versions { version } }');
  // Every store round trip: SPARQL queries, and pattern matches where the backend has them.
  const { backend } = await realStore();
  const query = vi.spyOn(backend, 'selectTsv');
  const match = backend.objectsOf ? vi.spyOn(backend, 'objectsOf') : undefined;
  const document = `query ($uri: ID!) { occupation(uri: $uri) {
    preferredLabel essentialSkills { uri preferredLabel altLabels skillType reuseLevel } } }`;

  const roundTrips = async (uri: string) => {
    query.mockClear();
    match?.mockClear();
    const { data, errors } = await runQuery(document, { uri });
    expect(errors).toBeUndefined();
    return { calls: query.mock.calls.length + (match?.mock.calls.length ?? 0), skills: data!.occupation.essentialSkills as { preferredLabel: string }[] };
  };
  const large = await roundTrips(big![0]);
  const smaller = await roundTrips(small![0]);
  query.mockRestore();
  match?.mockRestore();

  expect(large.skills).toHaveLength(big![1]);
  expect(large.skills.every((s) => s.preferredLabel)).toBe(true);
  // The occupation's kind and label (two pattern matches); its skills and their labels; the skills' alt labels,
  // type and reuse level (+1 when some concept lacks texts in English and the fallback reads every language).
  expect(large.calls).toBeGreaterThanOrEqual(5);
  expect(large.calls).toBeLessThanOrEqual(8);
  expect(large.calls).toBe(smaller.calls);
});

test("an occupation's selected relations are read beside its kind, not after it (one round trip of latency, not two)", async () => {
  const [relation] = readEscoCsv(ESCO_V111(), 'occupationSkillRelations.csv') as Record<'occupationUri', string>[];
  await runQuery('{ versions { version } }');
  const { backend } = await realStore();
  // The embedded store answers a concept's kind by an in-process pattern match (no round trip to overlap); a server
  // answers every read over HTTP, and there the kind and the skills must be in flight together.
  let inFlight = 0;
  let most = 0;
  const selectTsv = backend.selectTsv.bind(backend);
  const spy = vi.spyOn(backend, 'selectTsv').mockImplementation(async (...args) => {
    most = Math.max(most, ++inFlight);
    try { return await selectTsv(...args); } finally { inFlight--; }
  });
  const { data, errors } = await runQuery('query ($uri: ID!) { occupation(uri: $uri) { essentialSkills { uri } } }', { uri: relation!.occupationUri });
  spy.mockRestore();
  expect(errors).toBeUndefined();
  expect((data!.occupation.essentialSkills as unknown[]).length).toBeGreaterThan(0);
  expect(most).toBeGreaterThanOrEqual(backend.objectsOf ? 1 : 2);
});
