import { IRI } from '../../ingest/vocabulary.js';
import { PREFIXES } from './prefixes.js';

const OCCUPATION = 'http://data.europa.eu/esco/occupation/';

/** One query that counts what an import summary reports, over the active (version) graph. */
export const COUNT_CONCEPTS = `${PREFIXES}
SELECT ?occupations ?skills ?skillGroups ?iscoGroups ?essential ?optional WHERE {
  { SELECT (COUNT(?o) AS ?occupations) WHERE { ?o a esco:Occupation } }
  { SELECT (COUNT(?s) AS ?skills) WHERE { ?s a esco:Skill } }
  { SELECT (COUNT(?g) AS ?skillGroups) WHERE { ?g a esco:SkillGroup } }
  { SELECT (COUNT(?i) AS ?iscoGroups) WHERE { ?i a esco:ISCOGroup } }
  { SELECT (COUNT(*) AS ?essential) WHERE { ?a esco:hasEssentialSkill ?b FILTER(STRSTARTS(STR(?a), "${OCCUPATION}")) } }
  { SELECT (COUNT(*) AS ?optional) WHERE { ?a esco:hasOptionalSkill ?b FILTER(STRSTARTS(STR(?a), "${OCCUPATION}")) } }
}`;

const RELATIONS = 'VALUES ?relation { esco:hasEssentialSkill esco:hasOptionalSkill skos:broader esco:memberOfISCOGroup }';

/**
 * Concepts that relations point at but that the data never defines (no rdf:type), with how many relation
 * triples name them: real dumps have such dangling references, which are kept and reported.
 * VALUES and MINUS, not a property path and FILTER NOT EXISTS: the path form took 2.5x as long on v1.1.1.
 */
export const DANGLING_REFERENCES = `${PREFIXES}
SELECT ?uri (COUNT(*) AS ?relations) WHERE {
  { ${RELATIONS} ?uri ?relation ?other } UNION { ${RELATIONS} ?other ?relation ?uri }
  MINUS { ?uri a ?type }
} GROUP BY ?uri ORDER BY DESC(?relations)`;

/** Every triple of the active graph, for a summary of a store that was not just imported (a scan). */
export const COUNT_TRIPLES = `SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }`;

/** Language tags of the labels present. */
export const LABEL_LANGUAGES = `${PREFIXES}
SELECT DISTINCT ?lang WHERE { ?c skos:prefLabel ?l BIND(LANG(?l) AS ?lang) } ORDER BY ?lang`;

/** Whether a graph names any ESCO concept type: a loaded file that does not is refused before it is canonicalized. */
export const HAS_CONCEPTS = `ASK { ?concept a ?type VALUES ?type { <${IRI.Occupation}> <${IRI.Skill}> <${IRI.SkillGroup}> <${IRI.IscoGroup}> <${IRI.Concept}> } }`;
