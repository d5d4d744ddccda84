import type { EscoStore, VersionSummary } from './esco-store.js';
import { COUNT_CONCEPTS, COUNT_TRIPLES, DANGLING_REFERENCES, LABEL_LANGUAGES } from './queries/summary.js';
import { type CellRow, selectRows } from './tsv-rows.js';

const count = (row: CellRow | undefined, name: string) => Number(row?.[name]?.value ?? 0);

/**
 * Counts a graph as it is in the store (a version's, or one being loaded), so an import and a restart report from
 * the same source. An importer that knows how many triples it added passes that number, or the count it is
 * getting (read beside the other counts, which a server answers side by side); else they are counted with SPARQL.
 */
export async function summarize(
  store: EscoStore, version: string, graph: string, sources: string[], triples?: number | Promise<number>,
): Promise<VersionSummary> {
  const run = (query: string) => selectRows(store.backend, query, graph);
  const [[counts], dangling, languages, triplesCount] = await Promise.all([
    run(COUNT_CONCEPTS), run(DANGLING_REFERENCES), run(LABEL_LANGUAGES),
    triples ?? run(COUNT_TRIPLES).then(([row]) => count(row, 'triples')),
  ]);
  return {
    version,
    triples: triplesCount,
    occupations: count(counts, 'occupations'),
    skills: count(counts, 'skills'),
    skillGroups: count(counts, 'skillGroups'),
    iscoGroups: count(counts, 'iscoGroups'),
    essentialRelations: count(counts, 'essential'),
    optionalRelations: count(counts, 'optional'),
    danglingReferences: dangling.length,
    danglingRelations: dangling.reduce((sum, row) => sum + count(row, 'relations'), 0),
    languages: languages.map((row) => row.lang?.value ?? '').filter(Boolean),
    sources,
    importedAt: new Date().toISOString(),
  };
}
