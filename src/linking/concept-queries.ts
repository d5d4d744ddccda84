import { PREFIXES, sparqlString } from '../store/queries/prefixes.js';
import type { LinkableType } from '../store/queries/linking.js';

/**
 * Hidden labels (misspellings, old names) are matched by the words index only: they are too many and too noisy
 * to embed, and a reviewer never sees them. Same ordering rule as `conceptTexts`: stable for the same data.
 */
export function hiddenLabels(type: LinkableType, languages: string[]): string {
  const langs = languages.map((lang) => `langMatches(lang(?text), ${sparqlString(lang)})`).join(' || ');
  return `${PREFIXES}
SELECT ?concept ?text WHERE {
  ?concept a esco:${type} ; skos:hiddenLabel ?text .
  FILTER(${langs || 'true'})
} ORDER BY ?concept ?text`;
}

/** What the learned ranker knows of a skill besides its texts: its type, reuse level and how many occupations need it. */
export function skillFacets(): string {
  return `${PREFIXES}
SELECT ?concept ?skillType ?reuseLevel (COUNT(DISTINCT ?essential) AS ?essentialFor) (COUNT(DISTINCT ?optional) AS ?optionalFor) WHERE {
  ?concept a esco:Skill .
  OPTIONAL { ?concept esco:skillType ?skillType }
  OPTIONAL { ?concept esco:skillReuseLevel ?reuseLevel }
  OPTIONAL { ?essential esco:hasEssentialSkill ?concept }
  OPTIONAL { ?optional esco:hasOptionalSkill ?concept }
} GROUP BY ?concept ?skillType ?reuseLevel`;
}
