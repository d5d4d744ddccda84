import { isIri } from '../../ingest/vocabulary.js';
import { PREFIXES, sparqlString } from './prefixes.js';

/** The ESCO concept types that linking indexes. */
export type LinkableType = 'Skill' | 'Occupation';

/**
 * Every text that the linking indexes embed and search for concepts of one type: preferred label, alternative
 * labels and description, one row each, in the given languages (`en` matches `en-us` too). Unordered: the caller
 * sorts (byConceptFieldText), as ORDER BY over these 125k rows took Oxigraph's server 40-80 s (its comparisons
 * read each IRI and literal back from RocksDB), past the store's 120-s request limit on a busy machine.
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
}`;
}

/**
 * The languages (lower-case tags as stored: `en`, `en-us`, `fr`) of the preferred labels of one concept type: the
 * languages a text can be linked in, lexically, against that type's labels.
 */
export function labelLanguages(type: LinkableType): string {
  return `${PREFIXES}
SELECT DISTINCT ?language WHERE { ?concept a esco:${type} ; skos:prefLabel ?label BIND(LCASE(LANG(?label)) AS ?language) }`;
}

type TextRow = Record<string, { value: string } | undefined>;
const compare = (a = '', b = '') => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order conceptTexts' rows had with `ORDER BY ?concept ?field ?text`, so that the same data always yields the
 * same list (the vector cache key hashes it) and caches made before stay valid.
 */
export const byConceptFieldText = (a: TextRow, b: TextRow) =>
  compare(a.concept?.value, b.concept?.value) || compare(a.field?.value, b.field?.value) || compare(a.text?.value, b.text?.value);

/** Whether an IRI is a skill of the active ESCO version. */
export function isSkill(uri: string): string {
  if (!isIri(uri)) throw new Error(`not a valid IRI: ${JSON.stringify(uri)}`);
  return `${PREFIXES}ASK { <${uri}> a esco:Skill }`;
}
