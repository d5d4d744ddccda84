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
  // The occupation's kind and label (two pattern matches; on a server one query with the next); its skills and
  // their labels; the skills' alt labels, type and reuse level (+1 when some concept lacks texts in English and
  // the fallback reads every language).
  expect(large.calls).toBeGreaterThanOrEqual(backend.objectsOf ? 5 : 4);
  expect(large.calls).toBeLessThanOrEqual(8);
  expect(large.calls).toBe(smaller.calls);
});

test('an occupation looked up with its relations selected: on a server, kind, relations and labels in one store query', async () => {
  const relations = readEscoCsv(ESCO_V111(), 'occupationSkillRelations.csv') as Record<'occupationUri' | 'relationType' | 'skillUri', string>[];
  const uri = relations[0]!.occupationUri;
  const expected = (type: string) => relations.filter((r) => r.occupationUri === uri && r.relationType === type).map((r) => r.skillUri).sort();
  await runQuery('{ versions { version } }');
  const { backend } = await realStore();
  const query = vi.spyOn(backend, 'selectTsv');
  const document = `query ($uri: ID!) { occupation(uri: $uri) {
    preferredLabel essentialSkills { uri preferredLabel } optionalSkills { uri preferredLabel } } skill(uri: $uri) { uri } }`;
  const { data, errors } = await runQuery(document, { uri });
  const calls = query.mock.calls.length;
  query.mockRestore();

  expect(errors).toBeUndefined();
  const skills = (field: string) => data!.occupation[field] as { uri: string; preferredLabel: string }[];
  expect(skills('essentialSkills').map((s) => s.uri).sort()).toEqual(expected('essential'));
  expect(skills('optionalSkills').map((s) => s.uri).sort()).toEqual(expected('optional'));
  expect([...skills('essentialSkills'), ...skills('optionalSkills')].every((s) => s.preferredLabel)).toBe(true);
  expect(data!.occupation.preferredLabel).toBeTruthy();
  // The same URI as a skill: the kind check still answers null.
  expect(data!.skill).toBeNull();
  // A server: one query in all (the skill lookup's kind check finds the kind the occupation lookup read). Embedded:
  // the kind by in-process pattern matches, each relation one batched query.
  expect(calls).toBe(backend.objectsOf ? 2 : 1);
});
