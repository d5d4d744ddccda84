import { PREFIXES, sparqlString } from './prefixes.js';

/**
 * The reads behind the analysis relations index (src/analysis/relations-index.ts), run once per ESCO version.
 * The IRI-only queries are read as tab-separated results, several times faster than rows of terms; each is kept
 * free of UNIONs and type joins on both ends, which cost oxigraph more than filtering the rows afterwards.
 */

/** Occupation–skill relations of defined occupations, essential or optional. */
export function analysisOccupationSkills(relation: 'essential' | 'optional'): string {
  const predicate = relation === 'essential' ? 'esco:hasEssentialSkill' : 'esco:hasOptionalSkill';
  return `${PREFIXES}
SELECT ?occupation ?skill WHERE { ?occupation a esco:Occupation ; ${predicate} ?skill }`;
}

/** Occupations with their ISCO unit group (the group's IRI carries its code). */
export const ANALYSIS_OCCUPATIONS = `${PREFIXES}
SELECT ?occupation ?isco WHERE {
  ?occupation a esco:Occupation .
  OPTIONAL { ?occupation esco:memberOfISCOGroup ?isco }
}`;

/** Defined skills, so that input naming anything else is refused. */
export const ANALYSIS_SKILLS = `${PREFIXES}
SELECT ?skill WHERE { ?skill a esco:Skill }`;

/** Broader links of skills: to a broader skill or to a skill group. */
export const ANALYSIS_SKILL_BROADER = `${PREFIXES}
SELECT ?skill ?broader WHERE { ?skill a esco:Skill ; skos:broader ?broader }`;

/** Skill groups with their broader groups ("" for the roots). */
export const ANALYSIS_SKILL_GROUPS = `${PREFIXES}
SELECT ?group ?broader WHERE { ?group a esco:SkillGroup OPTIONAL { ?group skos:broader ?broader } }`;

/** Preferred labels in one language (`en` also matches `en-us`), of every concept that has one. */
export function analysisLabels(language: string): string {
  return `${PREFIXES}
SELECT ?concept ?label WHERE { ?concept skos:prefLabel ?label FILTER(langMatches(lang(?label), ${sparqlString(language)})) }`;
}
