import type { EscoStore, VersionSummary } from '../src/store/esco-store.js';

/** A summary that counts no ESCO concept: for versions of made-up triples. */
export const bareSummary = (version: string, triples: number): VersionSummary => ({
  version, triples, occupations: 0, skills: 0, skillGroups: 0, iscoGroups: 0, essentialRelations: 0, optionalRelations: 0,
  danglingReferences: 0, danglingRelations: 0, languages: [], sources: [], importedAt: '',
});

/** `count` triples `<http://example.org/s<i>> <http://example.org/p> "<i>"`: enough for a query whose cross product never ends. */
export const numberedTriples = (count: number) =>
  Array.from({ length: count }, (_, i) => `<http://example.org/s${i}> <http://example.org/p> "${i}" .`).join('\n');

/** Stores N-Triples as a version of their own, as an import would (staged, then committed). */
export async function addVersion(store: EscoStore, version: string, ntriples: string, triples: number): Promise<void> {
  const staging = await store.stage(version);
  await staging.load(ntriples, { format: 'application/n-triples', trusted: true });
  await staging.loaded();
  await staging.commit(bareSummary(version, triples));
}
