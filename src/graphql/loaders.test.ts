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
