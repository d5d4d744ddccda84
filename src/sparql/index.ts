export { DEFAULT_SPARQL_LIMITS, SparqlEndpoint, type SparqlLimits } from './sparql-endpoint.js';
export { handleSparql } from './sparql-handler.js';
export { type QueryForm, type SparqlRequest, SparqlProtocolError, negotiateFormat, parseSparqlRequest, queryForm } from './sparql-protocol.js';
