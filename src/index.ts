/**
 * escograph's public surface for use as a library, one stage of the data flow per line:
 * ingest → store → GraphQL/SPARQL server → linking → analysis and export.
 */
export { type Config, loadConfig } from './config.js';
export { ImportError, importEsco } from './ingest/index.js';
export { EscoStore, openSavedStore, saveStore, type VersionSummary } from './store/index.js';
export { createGraphQLServer } from './graphql/index.js';
export { SparqlEndpoint } from './sparql/index.js';
export { LinkingService, splitLearningOutcomes } from './linking/index.js';
export { QualificationRepository } from './qualifications/index.js';
export * as analysis from './analysis/index.js';
export * as exports from './export/index.js';
