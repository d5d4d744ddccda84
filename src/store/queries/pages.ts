import { IRI } from '../../ingest/vocabulary.js';
import { iriTerm } from './concepts.js';
import { PREFIXES, sparqlString } from './prefixes.js';

/** Filters of the occupation and skill listings; every value is an IRI or a code, checked before use. */
export interface OccupationPageFilter {
  /** An ISCO code prefix: "2", "25", "2512". */
  iscoCodePrefix?: string;
  collection?: string;
}

export interface SkillPageFilter {
  skillType?: string;
  reuseLevel?: string;
  collection?: string;
  /** A skill group: skills anywhere below it. */
  skillGroup?: string;
}

export interface PageWindow {
  limit: number;
  offset: number;
}

function occupationPatterns(filter: OccupationPageFilter): string {
  const patterns = ['?c a esco:Occupation .'];
  if (filter.iscoCodePrefix !== undefined) {
    if (!/^\d{1,4}$/.test(filter.iscoCodePrefix)) throw new RangeError(`not an ISCO code: ${filter.iscoCodePrefix}`);
    patterns.push(`?c esco:memberOfISCOGroup ?isco . ?isco skos:notation ?code FILTER(STRSTARTS(?code, ${sparqlString(filter.iscoCodePrefix)}))`);
  }
  if (filter.collection) patterns.push(`${iriTerm(filter.collection)} skos:member ?c .`);
  return patterns.join('\n  ');
}

function skillPatterns(filter: SkillPageFilter): string {
  const patterns = ['?c a esco:Skill .'];
  if (filter.skillType) patterns.push(`?c <${IRI.skillType}> ${iriTerm(filter.skillType)} .`);
  if (filter.reuseLevel) patterns.push(`?c <${IRI.skillReuseLevel}> ${iriTerm(filter.reuseLevel)} .`);
  if (filter.collection) patterns.push(`${iriTerm(filter.collection)} skos:member ?c .`);
  if (filter.skillGroup) patterns.push(`?c skos:broader+ ${iriTerm(filter.skillGroup)} .`);
  return patterns.join('\n  ');
}

/** A listing's concepts, unordered: the caller sorts them once (an engine would sort them again for every page). */
const members = (patterns: string) => `${PREFIXES}
SELECT DISTINCT ?c WHERE {
  ${patterns}
}`;

export const occupationListing = (filter: OccupationPageFilter) => members(occupationPatterns(filter));
export const skillListing = (filter: SkillPageFilter) => members(skillPatterns(filter));
/** Members of a collection. */
export const collectionListing = (collection: string) => members(`${iriTerm(collection)} skos:member ?c .`);
