import { IRI, isIri } from '../../ingest/vocabulary.js';
import { PREFIXES, sparqlString } from './prefixes.js';

/**
 * Batched reads of concepts, one query per batch: DataLoaders call these with every URI asked for in one tick.
 * URIs are validated before they reach a query; predicates come from a fixed list, never from requests.
 */

/** Properties read through the batched loaders. */
export const CONCEPT_PROPERTIES = {
  notation: IRI.notation,
  status: IRI.status,
  modified: IRI.modified,
  broader: IRI.broader,
  narrower: IRI.narrower,
  inScheme: IRI.inScheme,
  hasTopConcept: IRI.hasTopConcept,
  member: IRI.member,
  skillType: IRI.skillType,
  reuseLevel: IRI.skillReuseLevel,
  essentialSkill: IRI.hasEssentialSkill,
  optionalSkill: IRI.hasOptionalSkill,
  iscoGroup: IRI.memberOfIscoGroup,
  regulatedProfessionNote: IRI.regulatedProfessionNote,
} as const;
export type ConceptProperty = keyof typeof CONCEPT_PROPERTIES;

export const TEXT_PROPERTIES = {
  prefLabel: IRI.prefLabel,
  altLabel: IRI.altLabel,
  hiddenLabel: IRI.hiddenLabel,
  description: IRI.description,
  definition: IRI.definition,
  scopeNote: IRI.scopeNote,
} as const;
export type TextProperty = keyof typeof TEXT_PROPERTIES;

export class InvalidIriError extends Error {
  constructor(readonly value: string) {
    super(`not a valid URI: ${JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value)}`);
    this.name = 'InvalidIriError';
  }
}

/** A URI as a SPARQL term; throws InvalidIriError for anything that could break out of `<…>`. */
export function iriTerm(value: string): string {
  if (!isIri(value)) throw new InvalidIriError(value);
  return `<${value}>`;
}

const values = (variable: string, uris: readonly string[]) => `VALUES ?${variable} { ${uris.map(iriTerm).join(' ')} }`;

/** rdf:types of concepts (skos:Concept itself left out). */
export const conceptTypes = (uris: readonly string[]) => `${PREFIXES}
SELECT ?c ?type WHERE { ${values('c', uris)} ?c a ?type FILTER(?type != skos:Concept) }`;

/** Objects of one property for each subject. */
export const propertyObjects = (property: ConceptProperty, uris: readonly string[]) => `${PREFIXES}
SELECT ?c ?o WHERE { ${values('c', uris)} ?c <${CONCEPT_PROPERTIES[property]}> ?o }`;

/** Subjects (of one rdf:type, when given) that have one property pointing at each object: the inverse direction. */
export const propertySubjects = (property: ConceptProperty, uris: readonly string[], type?: string) => `${PREFIXES}
SELECT ?c ?o WHERE { ${values('c', uris)} ?o <${CONCEPT_PROPERTIES[property]}> ?c ${type ? `; a ${iriTerm(type)}` : ''} } ORDER BY ?c ?o`;

/**
 * Texts of one property in the given languages (a tag matches itself and its regions: `en` also takes `en-us`);
 * with no languages, texts in every language.
 */
export function propertyTexts(property: TextProperty, uris: readonly string[], languages?: readonly string[]): string {
  const filter = languages?.length
    ? `FILTER(${languages
        .map((lang) => `?lang = ${sparqlString(lang.toLowerCase())} || STRSTARTS(?lang, ${sparqlString(`${lang.toLowerCase()}-`)})`)
        .join(' || ')})`
    : '';
  return `${PREFIXES}
SELECT ?c ?text WHERE { ${values('c', uris)} ?c <${TEXT_PROPERTIES[property]}> ?text BIND(LANG(?text) AS ?lang) ${filter} }`;
}

/** Occupations that share essential skills with one occupation, most shared first. */
export const sharedEssentialSkills = (occupation: string, first: number) => `${PREFIXES}
SELECT ?other (COUNT(?skill) AS ?shared) WHERE {
  ${iriTerm(occupation)} esco:hasEssentialSkill ?skill .
  ?other esco:hasEssentialSkill ?skill ; a esco:Occupation .
  FILTER(?other != ${iriTerm(occupation)})
} GROUP BY ?other ORDER BY DESC(?shared) ?other LIMIT ${Math.trunc(first)}`;

/** An ISCO group by its code. */
export const iscoGroupByCode = (code: string) => `${PREFIXES}
SELECT ?c WHERE { ?c a esco:ISCOGroup ; skos:notation ${sparqlString(code)} }`;

export const CONCEPT_SCHEMES = `${PREFIXES}
SELECT ?s WHERE { ?s a skos:ConceptScheme } ORDER BY ?s`;

export const COLLECTION_SIZES = `${PREFIXES}
SELECT ?collection (COUNT(?m) AS ?size) WHERE { ?collection a skos:Collection ; skos:member ?m } GROUP BY ?collection`;

/** Every label of one kind, of every occupation, skill, skill group and ISCO group, in one language (and its regions). */
export const labelsInLanguage = (property: 'prefLabel' | 'altLabel' | 'hiddenLabel', language: string) => `${PREFIXES}
SELECT ?c ?type ?text WHERE {
  ?c <${TEXT_PROPERTIES[property]}> ?text ; a ?type
  FILTER(?type IN (esco:Occupation, esco:Skill, esco:SkillGroup, esco:ISCOGroup))
  BIND(LANG(?text) AS ?lang)
  FILTER(?lang = ${sparqlString(language.toLowerCase())} || STRSTARTS(?lang, ${sparqlString(`${language.toLowerCase()}-`)}))
}`;
