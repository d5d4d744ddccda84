import { isIri } from '../../ingest/vocabulary.js';
import { PREFIXES, sparqlString } from './prefixes.js';

/** The ESCO concept types that linking indexes. */
export type LinkableType = 'Skill' | 'Occupation';

/**
 * Every text that the linking indexes embed and search for concepts of one type: preferred label, alternative
 * labels and description, one row each, in the given languages (`en` matches `en-us` too). Ordered so that the
 * same data always yields the same list, which the vector cache key hashes.
 */
export function conceptTexts(type: LinkableType, languages: string[]): string {
  const langs = languages.map((lang) => `langMatches(lang(?text), ${sparqlString(lang)})`).join(' || ');
  return `${PREFIXES}
SELECT ?concept ?field ?text WHERE {
  ?concept a esco:${type} .
  { ?concept skos:prefLabel ?text BIND("label" AS ?field) }
  UNION { ?concept skos:altLabel ?text BIND("altLabel" AS ?field) }
  UNION { ?concept dct:description ?text BIND("description" AS ?field) }
  FILTER(${langs || 'true'})
} ORDER BY ?concept ?field ?text`;
}

/** Whether an IRI is a skill of the active ESCO version. */
export function isSkill(uri: string): string {
  if (!isIri(uri)) throw new Error(`not a valid IRI: ${JSON.stringify(uri)}`);
  return `${PREFIXES}ASK { <${uri}> a esco:Skill }`;
}
