import { iriTerm } from './concepts.js';
import { PREFIXES } from './prefixes.js';

/**
 * Raw SPARQL that fetches the same data as the GraphQL queries of bench/graphql.bench.ts, in one query each:
 * the baseline the GraphQL layer is measured against.
 */

/** An occupation's English label with its essential skills and their English labels. */
export const occupationWithEssentialSkills = (occupation: string) => `${PREFIXES}
SELECT ?label ?skill ?skillLabel WHERE {
  ${iriTerm(occupation)} skos:prefLabel ?label FILTER(lang(?label) = "en")
  OPTIONAL { ${iriTerm(occupation)} esco:hasEssentialSkill ?skill . ?skill skos:prefLabel ?skillLabel FILTER(lang(?skillLabel) = "en") }
}`;

/** A page of 50 skills in URI order with their English labels. */
export const skillPageWithLabels = (offset: number) => `${PREFIXES}
SELECT ?skill ?label WHERE {
  { SELECT ?skill WHERE { ?skill a esco:Skill } ORDER BY ?skill LIMIT 50 OFFSET ${Math.trunc(offset)} }
  ?skill skos:prefLabel ?label FILTER(lang(?label) = "en")
}`;

/** Occupations whose English labels contain a text: what a search costs without a full-text index. */
export const labelsContaining = (text: string) => `${PREFIXES}
SELECT DISTINCT ?c WHERE {
  ?c a esco:Occupation ; skos:prefLabel|skos:altLabel|skos:hiddenLabel ?label
  FILTER(lang(?label) = "en" && CONTAINS(LCASE(STR(?label)), ${JSON.stringify(text.toLowerCase())}))
}`;
