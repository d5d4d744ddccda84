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

/**
 * Concepts that relations point at but that the data never defines (no rdf:type), with how many relation
 * triples name them: real dumps have such dangling references, which are kept and reported.
 */
export const DANGLING_REFERENCES = `${PREFIXES}
SELECT ?uri (SUM(?n) AS ?relations) WHERE {
  {
    SELECT ?uri (COUNT(*) AS ?n)
    WHERE { ?uri esco:hasEssentialSkill|esco:hasOptionalSkill|skos:broader|esco:memberOfISCOGroup ?x } GROUP BY ?uri
  } UNION {
    SELECT ?uri (COUNT(*) AS ?n)
    WHERE { ?x esco:hasEssentialSkill|esco:hasOptionalSkill|skos:broader|esco:memberOfISCOGroup ?uri } GROUP BY ?uri
  }
  # Grouping first means the type check runs once per concept, not once per relation: ~15x faster.
  FILTER NOT EXISTS { ?uri a ?type }
} GROUP BY ?uri ORDER BY DESC(?relations)`;

/** Every triple of the active graph (a scan: cheaper than two `store.size` calls around the load, which scan all graphs). */
export const COUNT_TRIPLES = `SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }`;

/** Language tags of the labels present. */
export const LABEL_LANGUAGES = `${PREFIXES}
SELECT DISTINCT ?lang WHERE { ?c skos:prefLabel ?l BIND(LANG(?l) AS ?lang) } ORDER BY ?lang`;
