/**
 * The GraphQL operations of the career explorer. The contract is schema/*.graphql; documents.test.ts validates
 * these against it with the linking workbench's.
 */
import type { SkillRef } from './documents.js';

export interface ConceptRef {
  uri: string;
  preferredLabel: string | null;
}

const REF = 'uri preferredLabel';

/** ISCO-08 major groups are the codes 0–9; one aliased request gives each its label and occupation count. */
export const ISCO_MAJOR_CODES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/**
 * The cards for a set of ISCO groups: label, code and, with counts, how many occupations are filed below each
 * (each count is a store query, tens of milliseconds: a label-only list, as a filter's options, leaves them out).
 */
export function iscoCardsQuery(codes: string[], counts = true): string {
  const fields = codes.map((code) => `
  g${code}: iscoGroup(code: "${code}") { code ${REF} }${counts ? `
  n${code}: occupations(filter: { iscoGroup: "${code}" }, first: 1) { totalCount }` : ''}`).join('');
  return `query IscoCards {${fields}\n}`;
}
export type IscoCards = Record<string, { code: string; uri: string; preferredLabel: string | null } | { totalCount: number } | null>;

export const ISCO_GROUP = `query IscoGroup($code: String!) {
  iscoGroup(code: $code) {
    code ${REF} description
    ancestors { ${REF} code }
    narrower { ${REF} code type }
    occupations(first: 100) { ${REF} code }
  }
}`;
export interface IscoGroupResult {
  iscoGroup: {
    code: string; uri: string; preferredLabel: string | null; description: string | null;
    ancestors: (ConceptRef & { code: string | null })[];
    narrower: (ConceptRef & { code: string | null; type: string })[];
    occupations: (ConceptRef & { code: string | null })[];
  } | null;
}

const GROUPED_SKILL = `${REF} skillType broader { ${REF} type }`;

export const OCCUPATION_PAGE = `query OccupationPage($uri: ID!) {
  occupation(uri: $uri) {
    ${REF} code description altLabels regulatedProfessionNote
    iscoGroup { code ${REF} }
    ancestors { ${REF} code type }
    essentialSkills { ${GROUPED_SKILL} }
    optionalSkills { ${GROUPED_SKILL} }
  }
  relatedOccupations(uri: $uri, first: 8) { sharedEssentialSkills similarity occupation { ${REF} } }
}`;
export interface GroupedSkill extends SkillRef {
  skillType: string | null;
  broader: (ConceptRef & { type: string })[];
}
export interface OccupationPage {
  occupation: {
    uri: string; preferredLabel: string | null; code: string | null; description: string | null; altLabels: string[];
    regulatedProfessionNote: string | null;
    iscoGroup: { code: string; uri: string; preferredLabel: string | null } | null;
    ancestors: (ConceptRef & { code: string | null; type: string })[];
    essentialSkills: GroupedSkill[];
    optionalSkills: GroupedSkill[];
  } | null;
  relatedOccupations: { sharedEssentialSkills: number; similarity: number; occupation: ConceptRef }[];
}

export const SKILL_PAGE = `query SkillPage($uri: ID!) {
  skill(uri: $uri) {
    ${REF} description skillType reuseLevel altLabels
    broader { ${REF} type } narrower(first: 50) { ${REF} type }
    essentialForOccupations(first: 50) { ${REF} }
    optionalForOccupations(first: 50) { ${REF} }
    collections { name }
  }
}`;
export interface SkillPage {
  skill: {
    uri: string; preferredLabel: string | null; description: string | null; skillType: string | null; reuseLevel: string | null;
    altLabels: string[];
    broader: (ConceptRef & { type: string })[];
    narrower: (ConceptRef & { type: string })[];
    essentialForOccupations: ConceptRef[];
    optionalForOccupations: ConceptRef[];
    collections: { name: string }[];
  } | null;
}

export const SEARCH_ESCO = `query SearchEsco($prefix: String!) {
  suggest(prefix: $prefix, types: [OCCUPATION, SKILL], first: 10) { label concept { ${REF} type } }
}`;
export interface SearchEsco {
  suggest: { label: string; concept: ConceptRef & { type: 'OCCUPATION' | 'SKILL' } }[];
}

export const CAREER_MATCHES = `query CareerMatches($skills: [ID!]!, $iscoGroup: String, $first: Int) {
  occupationMatches(from: { skills: $skills }, first: $first, filter: { iscoGroup: $iscoGroup }) {
    totalCount
    matches { occupation { uri label iscoCode } essential { total covered partial missing coverage } optional { total covered coverage } }
  }
}`;
export interface CareerMatches {
  occupationMatches: {
    totalCount: number;
    matches: {
      occupation: { uri: string; label: string; iscoCode: string };
      essential: { total: number; covered: number; partial: number; missing: number; coverage: number | null };
      optional: { total: number; covered: number; coverage: number | null };
    }[];
  };
}

export const SKILLS_DISTRIBUTION = `query Distribution($profiles: [SkillProfileInput!]!, $first: Int) {
  skillsDistribution(profiles: $profiles) { profiles rowCount rows(first: $first) { users skill { uri label } } }
}`;
export interface SkillsDistribution {
  skillsDistribution: { profiles: number; rowCount: number; rows: { users: number; skill: { uri: string; label: string } }[] };
}
