export { ImportError } from './errors.js';
export { type ImportOptions, type ImportProgress, type ImportResult, importEsco, parseLanguages } from './import.js';
export { GRAPH, IRI, NS } from './vocabulary.js';
