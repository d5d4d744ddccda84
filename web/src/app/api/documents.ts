/**
 * Every GraphQL operation the web app sends, with the shape of its answer. The contract is schema/*.graphql; these
 * are the slices of it the screens need.
 */

export type MatchedOn = 'LABEL' | 'ALT_LABEL' | 'DESCRIPTION' | 'LEXICAL';
export type ReviewStatus = 'ACCEPTED' | 'REJECTED';

export interface SkillRef {
  uri: string;
  preferredLabel: string | null;
}

export interface SkillSuggestion {
  skill: SkillRef;
  score: number;
  matchedOn: MatchedOn;
}

export interface Outcome {
  id: string;
  text: string;
  reviewed: boolean;
  acceptedSkills: SkillRef[];
  rejectedSkills: SkillRef[];
  suggestions: SkillSuggestion[];
}

export interface QualificationFields {
  title: string;
  description?: string | null;
  eqfLevel?: number | null;
  iscedFCode?: string | null;
  nqfLevel?: string | null;
  language?: string | null;
}

export interface QualificationSummary extends QualificationFields {
  id: string;
  createdAt: string;
  learningOutcomes: { reviewed: boolean }[];
}

export interface Qualification extends QualificationFields {
  id: string;
  createdAt: string;
  learningOutcomes: Outcome[];
}

const SKILL = 'uri preferredLabel';
const FIELDS = 'title description eqfLevel iscedFCode nqfLevel language';
const OUTCOME = `id text reviewed acceptedSkills { ${SKILL} } rejectedSkills { ${SKILL} }`;

export const WRITE_ACCESS = '{ writeAccess { enabled granted } }';
export interface WriteAccess {
  writeAccess: { enabled: boolean; granted: boolean };
}

export const VERSIONS = '{ versions { version isDefault occupations skills languages } linkingBackend { used notice } }';
export interface Versions {
  versions: { version: string; isDefault: boolean; occupations: number; skills: number; languages: string[] }[];
  linkingBackend: { used: string; notice: string | null };
}

export const SPLIT = 'query Split($text: String!, $language: String) { splitLearningOutcomes(text: $text, language: $language) }';
export interface Split {
  splitLearningOutcomes: string[];
}

export const SUGGESTIONS_PER_OUTCOME = 10;

export const LINK_OUTCOMES = `query Link($outcomes: [String!]!) {
  linkOutcomes(outcomes: $outcomes, first: ${SUGGESTIONS_PER_OUTCOME}) { text suggestions { skill { ${SKILL} } score matchedOn } }
}`;
export interface LinkOutcomes {
  linkOutcomes: { text: string; suggestions: SkillSuggestion[] }[];
}

export const QUALIFICATIONS = `{ qualifications { id ${FIELDS} createdAt learningOutcomes { reviewed } } }`;
export interface Qualifications {
  qualifications: QualificationSummary[];
}

export const QUALIFICATION = `query Qualification($id: ID!) {
  qualification(id: $id) {
    id ${FIELDS} createdAt
    learningOutcomes { ${OUTCOME} suggestions(first: ${SUGGESTIONS_PER_OUTCOME}) { skill { ${SKILL} } score matchedOn } }
  }
}`;
export interface QualificationResult {
  qualification: Qualification | null;
}

export const CREATE_QUALIFICATION = `mutation Create($input: QualificationInput!) { createQualification(input: $input) { id } }`;
export interface CreateQualification {
  createQualification: { id: string };
}

export const IMPORT_CREDENTIAL = `mutation Import($content: String!, $format: CredentialFormat, $source: String) {
  importCredential(content: $content, format: $format, source: $source) { id title }
}`;
export interface ImportCredential {
  importCredential: { id: string; title: string }[];
}

export const UPDATE_QUALIFICATION = `mutation Update($id: ID!, $input: QualificationUpdate!) { updateQualification(id: $id, input: $input) { id ${FIELDS} } }`;
export const DELETE_QUALIFICATION = 'mutation Delete($id: ID!) { deleteQualification(id: $id) }';

export const REVIEW = `mutation Review($qualification: ID!, $outcome: ID!, $skill: ID!, $status: ReviewStatus!) {
  reviewLink(qualification: $qualification, outcome: $outcome, skill: $skill, status: $status) { ${OUTCOME} }
}`;
export interface Review {
  reviewLink: Omit<Outcome, 'suggestions'>;
}

export const SUGGEST = `query Suggest($prefix: String!) { suggest(prefix: $prefix, types: [SKILL], first: 8) { label concept { uri preferredLabel } } }`;
export interface Suggest {
  suggest: { label: string; concept: SkillRef }[];
}

export const SKILL_DETAILS = `query SkillDetails($uri: ID!) {
  skill(uri: $uri) {
    ${SKILL} description skillType reuseLevel altLabels
    broader { ${SKILL} type } narrower(first: 50) { ${SKILL} type }
  }
}`;
export interface SkillDetails {
  skill: (SkillRef & {
    description: string | null;
    skillType: string | null;
    reuseLevel: string | null;
    altLabels: string[];
    broader: (SkillRef & { type: string })[];
    narrower: (SkillRef & { type: string })[];
  }) | null;
}

export const OCCUPATION_MATCHES = `query Matches($skills: [ID!]!, $language: String) {
  occupationMatches(from: { skills: $skills }, first: 10, language: $language) {
    totalCount
    matches { occupation { uri label iscoCode } essential { total covered partial coverage } optional { total covered coverage } }
  }
}`;
export interface OccupationMatches {
  occupationMatches: {
    totalCount: number;
    matches: {
      occupation: { uri: string; label: string; iscoCode: string };
      essential: { total: number; covered: number; partial: number; coverage: number | null };
      optional: { total: number; covered: number; coverage: number | null };
    }[];
  };
}

export const SKILLS_GAP = `query Gap($occupation: ID!, $skills: [ID!]!, $language: String) {
  skillsGap(occupation: $occupation, from: { skills: $skills }, language: $language) {
    occupation { uri label iscoCode }
    essential { total coverage coverageWithPartial covered { uri label } }
    optional { total coverage covered { uri label } }
    missing { uri label essential status partial { relation via { label } } }
  }
}`;
export interface GapSkill {
  uri: string;
  label: string;
  essential: boolean;
  status: 'PARTIAL' | 'MISSING';
  partial: { relation: 'NARROWER' | 'BROADER' | 'SAME_GROUP'; via: { label: string } } | null;
}
export interface SkillsGap {
  skillsGap: {
    occupation: { uri: string; label: string; iscoCode: string };
    essential: { total: number; coverage: number | null; coverageWithPartial: number | null; covered: { uri: string; label: string }[] };
    optional: { total: number; coverage: number | null; covered: { uri: string; label: string }[] };
    missing: GapSkill[];
  };
}
