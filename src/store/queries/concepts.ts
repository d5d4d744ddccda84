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

/**
 * The concepts a batch query is about: `VALUES ?c { … }`, or for a batch of one the IRI itself in place of ?c,
 * which oxigraph answers faster (no ?c column to bind): readers take a missing ?c to be that one concept.
 */
function batch(uris: readonly string[]): { c: string; values: string } {
  if (uris.length === 1) return { c: iriTerm(uris[0]!), values: '' };
  return { c: '?c', values: `VALUES ?c { ${uris.map(iriTerm).join(' ')} }` };
}

/**
 * Literals of ?<variable> in any of the languages; a tag matches itself and its regions: `en` takes
 * `en-us`. This is LANGMATCHES for oxigraph's lower-case tags, spelled out: a tenth faster on a relation's labels.
 */
const languageFilter = (variable: string, languages: readonly string[]) =>
  `FILTER(${languages.map((language) => language.toLowerCase()).map((lang) =>
    `LANG(?${variable}) = ${sparqlString(lang)} || STRSTARTS(LANG(?${variable}), ${sparqlString(`${lang}-`)})`).join(' || ')})`;

/**
 * The preferred labels in some languages of a concept term, read along (DataLoaders prime their label cache with
 * them). The batched reads below name IRIs in full: parsing the PREFIX block costs about as much as their joins.
 */
const optionalLabel = (term: string, languages: readonly string[]) =>
  `OPTIONAL { ${term} <${IRI.prefLabel}> ?label ${languageFilter('label', languages)} }`;

/** rdf:types of concepts (skos:Concept itself left out), with their preferred labels in some languages. */
export function conceptTypes(uris: readonly string[], labelLanguages: readonly string[]): string {
  const { c, values } = batch(uris);
  return `SELECT * WHERE { ${values} ${c} a ?type FILTER(?type != <${IRI.Concept}>) ${optionalLabel(c, labelLanguages)} }`;
}

/**
 * One concept's rdf:types and preferred labels, and the objects of some of its relations with theirs, as one query:
 * a lookup with its relations selected costs one round trip to a SPARQL server instead of one per read. Rows of the
 * first part bind ?type, those of the second ?p and ?o; ?label is the concept's label in the first, the object's in
 * the second.
 */
export function conceptWithRelations(uri: string, properties: readonly ConceptProperty[], labelLanguages: readonly string[]): string {
  const c = iriTerm(uri);
  const predicates = properties.map((property) => `<${CONCEPT_PROPERTIES[property]}>`).join(' ');
  return `SELECT * WHERE { { ${c} a ?type FILTER(?type != <${IRI.Concept}>) ${optionalLabel(c, labelLanguages)} } ` +
    `UNION { VALUES ?p { ${predicates} } ${c} ?p ?o ${optionalLabel('?o', labelLanguages)} } }`;
}

/** Objects of one property for each subject, with the objects' preferred labels in some languages when asked. */
export function propertyObjects(property: ConceptProperty, uris: readonly string[], labelLanguages?: readonly string[]): string {
  const { c, values } = batch(uris);
  return `SELECT * WHERE { ${values} ${c} <${CONCEPT_PROPERTIES[property]}> ?o ${labelLanguages ? optionalLabel('?o', labelLanguages) : ''} }`;
}

/** Subjects (of one rdf:type, when given) that have one property pointing at each object: the inverse direction. */
export function propertySubjects(property: ConceptProperty, uris: readonly string[], type?: string): string {
  const { c, values } = batch(uris);
  return `SELECT * WHERE { ${values} ?o <${CONCEPT_PROPERTIES[property]}> ${c} ${type ? `; a ${iriTerm(type)}` : ''} } ORDER BY ?o`;
}

/** Texts of one property in the given languages (and their regions); with no languages, texts in every language. */
export function propertyTexts(property: TextProperty, uris: readonly string[], languages?: readonly string[]): string {
  const { c, values } = batch(uris);
  return `SELECT * WHERE { ${values} ${c} <${TEXT_PROPERTIES[property]}> ?text ${languages?.length ? languageFilter('text', languages) : ''} }`;
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
  ${languageFilter('text', [language])}
}`;
