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

const page = (patterns: string, window: PageWindow) => `${PREFIXES}
SELECT DISTINCT ?c WHERE {
  ${patterns}
} ORDER BY ?c LIMIT ${Math.trunc(window.limit)} OFFSET ${Math.trunc(window.offset)}`;

const count = (patterns: string) => `${PREFIXES}
SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {
  ${patterns}
}`;

export const occupationPage = (filter: OccupationPageFilter, window: PageWindow) => page(occupationPatterns(filter), window);
export const occupationCount = (filter: OccupationPageFilter) => count(occupationPatterns(filter));
export const skillPage = (filter: SkillPageFilter, window: PageWindow) => page(skillPatterns(filter), window);
export const skillCount = (filter: SkillPageFilter) => count(skillPatterns(filter));

/** Members of a collection, in URI order. */
export const collectionMembers = (collection: string, window: PageWindow) =>
  page(`${iriTerm(collection)} skos:member ?c .`, window);
export const collectionMemberCount = (collection: string) => count(`${iriTerm(collection)} skos:member ?c .`);
