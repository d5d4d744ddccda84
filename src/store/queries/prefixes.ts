import { NS } from '../../ingest/vocabulary.js';

export const PREFIXES = `PREFIX esco: <${NS.esco}>
PREFIX skos: <${NS.skos}>
PREFIX skosxl: <${NS.skosxl}>
PREFIX dct: <${NS.dct}>
PREFIX rdf: <${NS.rdf}>
PREFIX rdfs: <${NS.rdfs}>
PREFIX isothes: <${NS.isothes}>
PREFIX xsd: <${NS.xsd}>
`;

/** Escapes a string for use inside a SPARQL double-quoted literal. */
export const sparqlString = (value: string) =>
  `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
