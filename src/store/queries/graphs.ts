import { GRAPH, NS } from '../../ingest/vocabulary.js';
import { sparqlString } from './prefixes.js';

/**
 * The store's bookkeeping: named graphs, and in the meta graph, per version (its subject is the version's name,
 * `urn:escograph:esco:<version>`) its summary and the graph that holds its triples, and the default version. A
 * version's summary and graph change in one update request (commitVersion), so a server that applies a request as
 * one transaction (Oxigraph does) never pairs a version with another version's summary.
 */
const META = `<${GRAPH.meta}>`;
const SUMMARY = `<${NS.escograph}summary>`;
const STORED_IN = `<${NS.escograph}storedIn>`;
const DEFAULT_VERSION = `<${NS.escograph}defaultVersion>`;

/** Every summary with the graph holding its version (none recorded: the version's name), and the default version. */
export const META_ROWS = `SELECT ?summary ?storedIn ?default WHERE { GRAPH ${META} {
  { ?version ${SUMMARY} ?summary OPTIONAL { ?version ${STORED_IN} ?storedIn } } UNION { ${META} ${DEFAULT_VERSION} ?default }
} }`;

export const LIST_GRAPHS = 'SELECT DISTINCT ?g WHERE { GRAPH ?g { } }';

/** Quads in every graph, the default one included. */
export const COUNT_QUADS = 'SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }';

export const dropGraph = (graph: string) => `DROP SILENT GRAPH <${graph}>`;

const forgetMeta = (versionName: string) => `DELETE WHERE { GRAPH ${META} { <${versionName}> ?p ?o } }`;

/** Records a version's summary and the graph that now holds it, in place of what was recorded before. */
export const commitVersion = (versionName: string, storedIn: string, summary: string) =>
  `${forgetMeta(versionName)} ;\nINSERT DATA { GRAPH ${META} { <${versionName}> ${SUMMARY} ${sparqlString(summary)} ; ${STORED_IN} <${storedIn}> } }`;

/** Forgets a version and drops the graphs that may hold it. */
export const forgetVersion = (versionName: string, graphs: string[]) => [forgetMeta(versionName), ...graphs.map(dropGraph)].join(' ;\n');

export const setDefaultVersion = (version: string) =>
  `DELETE WHERE { GRAPH ${META} { ${META} ${DEFAULT_VERSION} ?v } } ;\nINSERT DATA { GRAPH ${META} { ${META} ${DEFAULT_VERSION} ${sparqlString(version)} } }`;
