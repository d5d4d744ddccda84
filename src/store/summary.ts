import type { EscoStore, VersionSummary } from './esco-store.js';
import { COUNT_CONCEPTS, COUNT_TRIPLES, DANGLING_REFERENCES, LABEL_LANGUAGES } from './queries/summary.js';
import { type CellRow, selectRows } from './tsv-rows.js';

const count = (row: CellRow | undefined, name: string) => Number(row?.[name]?.value ?? 0);

/**
 * Counts a graph as it is in the store (a version's, or one being loaded), so an import and a restart report from
 * the same source. An importer that knows how many triples it added passes that number: counting them with SPARQL
 * is a scan of the graph.
 */
export async function summarize(store: EscoStore, version: string, graph: string, sources: string[], triples?: number): Promise<VersionSummary> {
  const run = (query: string) => selectRows(store.backend, query, graph);
  const [[counts], dangling, languages] = await Promise.all([run(COUNT_CONCEPTS), run(DANGLING_REFERENCES), run(LABEL_LANGUAGES)]);
  return {
    version,
    triples: triples ?? count((await run(COUNT_TRIPLES))[0], 'triples'),
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
