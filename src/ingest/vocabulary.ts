/** IRIs of the canonical graph (see ./README.md) and N-Triples term writers. */

export const NS = {
  esco: 'http://data.europa.eu/esco/model#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  skosxl: 'http://www.w3.org/2008/05/skos-xl#',
  dct: 'http://purl.org/dc/terms/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  isothes: 'http://purl.org/iso25964/skos-thes#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  escograph: 'urn:escograph:',
} as const;

export const ESCO_DATA = 'http://data.europa.eu/esco/';

export const IRI = {
  type: `${NS.rdf}type`,
  Concept: `${NS.skos}Concept`,
  ConceptScheme: `${NS.skos}ConceptScheme`,
  Collection: `${NS.skos}Collection`,
  Occupation: `${NS.esco}Occupation`,
  Skill: `${NS.esco}Skill`,
  SkillGroup: `${NS.esco}SkillGroup`,
  IscoGroup: `${NS.esco}ISCOGroup`,
  Qualification: `${NS.esco}Qualification`,
  prefLabel: `${NS.skos}prefLabel`,
  altLabel: `${NS.skos}altLabel`,
  hiddenLabel: `${NS.skos}hiddenLabel`,
  definition: `${NS.skos}definition`,
  scopeNote: `${NS.skos}scopeNote`,
  notation: `${NS.skos}notation`,
  broader: `${NS.skos}broader`,
  narrower: `${NS.skos}narrower`,
  inScheme: `${NS.skos}inScheme`,
  hasTopConcept: `${NS.skos}hasTopConcept`,
  member: `${NS.skos}member`,
  description: `${NS.dct}description`,
  title: `${NS.dct}title`,
  modified: `${NS.dct}modified`,
  status: `${NS.isothes}status`,
  skillType: `${NS.esco}skillType`,
  skillReuseLevel: `${NS.esco}skillReuseLevel`,
  hasEssentialSkill: `${NS.esco}hasEssentialSkill`,
  hasOptionalSkill: `${NS.esco}hasOptionalSkill`,
  memberOfIscoGroup: `${NS.esco}memberOfISCOGroup`,
  regulatedProfessionNote: `${NS.esco}regulatedProfessionNote`,
  label: `${NS.rdfs}label`,
  dateTime: `${NS.xsd}dateTime`,
} as const;

/** Our own graph names: one named graph per ESCO version, plus one for import metadata. */
export const GRAPH = {
  version: (version: string) => `${NS.escograph}esco:${version}`,
  meta: `${NS.escograph}meta`,
  qualifications: `${NS.escograph}qualifications`,
} as const;

/** The CSV collections, as skos:Collection resources of our own (the CSVs carry no collection IRI). */
export const COLLECTIONS = {
  digital: 'digitalSkillsCollection',
  green: 'greenSkillsCollection',
  language: 'languageSkillsCollection',
  transversal: 'transversalSkillsCollection',
  researchOccupations: 'researchOccupationsCollection',
  researchSkills: 'researchSkillsCollection',
  digComp: 'digCompSkillsCollection',
} as const;
export type CollectionName = keyof typeof COLLECTIONS;
export const collectionIri = (name: CollectionName) => `${NS.escograph}collection:${name}`;

export const skillTypeIri = (value: string) => `${ESCO_DATA}skill-type/${value}`;
export const reuseLevelIri = (value: string) => `${ESCO_DATA}skill-reuse-level/${value}`;

/** ESCO's languages (base subtags); region subtags such as en-us are accepted by their base. */
export const ESCO_LANGUAGES = [
  'ar', 'bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'is', 'it', 'lt', 'lv', 'mt',
  'nl', 'no', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv', 'uk',
] as const;

export const baseLanguage = (tag: string) => tag.toLowerCase().split('-')[0] ?? '';

function escapeLiteral(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');
}

export const iri = (value: string) => `<${value}>`;
export const literal = (value: string, language?: string) =>
  `"${escapeLiteral(value)}"${language ? `@${language}` : ''}`;
export const typedLiteral = (value: string, datatype: string) => `"${escapeLiteral(value)}"^^<${datatype}>`;

/** An IRI that N-Triples accepts: absolute, with no spaces or forbidden characters. */
export const isIri = (value: string) => /^[a-z][a-z0-9+.-]*:[^\s<>"{}|^`\\]*$/i.test(value);
