import { PREFIXES, sparqlString } from './prefixes.js';

/**
 * The reads behind the analysis relations index (src/analysis/relations-index.ts), run once per ESCO version.
 * The relation queries return only IRIs and numbers, so they are read as tab-separated results (4x faster than rows).
 */

/** Every occupation–skill relation of a defined occupation; `?essential` is 1 or 0. */
export const ANALYSIS_OCCUPATION_SKILLS = `${PREFIXES}
SELECT ?occupation ?skill ?essential WHERE {
  ?occupation a esco:Occupation .
  { ?occupation esco:hasEssentialSkill ?skill BIND(1 AS ?essential) }
  UNION { ?occupation esco:hasOptionalSkill ?skill BIND(0 AS ?essential) }
}`;

/** Occupations with their ISCO unit group (the group's IRI, as notations are strings). */
export const ANALYSIS_OCCUPATIONS = `${PREFIXES}
SELECT ?occupation ?isco WHERE {
  ?occupation a esco:Occupation .
  OPTIONAL { ?occupation esco:memberOfISCOGroup ?isco }
}`;

/** Defined skills, so that input naming anything else is refused. */
export const ANALYSIS_SKILLS = `${PREFIXES}
SELECT ?skill WHERE { ?skill a esco:Skill }`;

/**
 * The skills pillar's hierarchy: each broader link from a skill or skill group, with whether each end is a
 * skill group (1) or a skill (0).
 */
export const ANALYSIS_SKILL_HIERARCHY = `${PREFIXES}
SELECT ?concept ?broader ?conceptIsGroup ?broaderIsGroup WHERE {
  ?concept skos:broader ?broader .
  { ?concept a esco:Skill BIND(0 AS ?conceptIsGroup) } UNION { ?concept a esco:SkillGroup BIND(1 AS ?conceptIsGroup) }
  { ?broader a esco:Skill BIND(0 AS ?broaderIsGroup) } UNION { ?broader a esco:SkillGroup BIND(1 AS ?broaderIsGroup) }
}`;

/** Preferred labels of occupations, skills and skill groups in one language (`en` also matches `en-us`). */
export function analysisLabels(language: string): string {
  return `${PREFIXES}
SELECT ?concept ?label WHERE {
  VALUES ?type { esco:Occupation esco:Skill esco:SkillGroup }
  ?concept a ?type ; skos:prefLabel ?label
  FILTER(langMatches(lang(?label), ${sparqlString(language)}))
}`;
}
