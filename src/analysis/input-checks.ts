import { isIri } from '../ingest/vocabulary.js';
import type { OccupationEntry, RelationsIndex } from './relations-index.js';

/** Input sizes one analysis request may carry; every list is bounded so a request's cost is bounded. */
export const ANALYSIS_LIMITS = {
  first: 100,
  skills: 1_000,
  textLength: 10_000,
  supplyEntries: 1_000,
  demandEntries: 5_000,
  /** Supply and demand entries given as text, or linkJobAds' ads: all are linked in one batch. */
  textEntries: 2_000,
  /** Characters over all those texts together. */
  textCharacters: 2_000_000,
  regionLength: 200,
  profiles: 10_000,
  /** Skill mentions over all profiles of one distribution. */
  profileSkills: 200_000,
  weight: 1_000_000_000,
} as const;

/** Input the caller must fix: GraphQL reports it as BAD_USER_INPUT. */
export class AnalysisInputError extends Error {
  readonly code = 'BAD_USER_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'AnalysisInputError';
  }
}

/** A well-formed URI that names nothing of its kind in the chosen ESCO version. */
export class NotFoundError extends Error {
  readonly code = 'NOT_FOUND';
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

export function checkUri(value: string, what: string): string {
  const uri = value.trim();
  if (!isIri(uri) || !/^https?:\/\//i.test(uri)) throw new AnalysisInputError(`malformed ${what} URI "${value.slice(0, 200)}"`);
  return uri;
}

export function checkCount(count: number, limit: number, what: string): void {
  if (count > limit) throw new AnalysisInputError(`too many ${what}: ${count} (at most ${limit})`);
}

export function checkFirst(first: number | undefined, fallback: number = ANALYSIS_LIMITS.first): number {
  const value = first ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > ANALYSIS_LIMITS.first) {
    throw new AnalysisInputError(`first must be an integer from 1 to ${ANALYSIS_LIMITS.first}, got ${value}`);
  }
  return value;
}

/** Weights are counts: learners, graduates, vacancies. */
export function checkWeight(weight: number | undefined, what: string): number {
  const value = weight ?? 1;
  if (!Number.isInteger(value) || value < 0 || value > ANALYSIS_LIMITS.weight) {
    throw new AnalysisInputError(`the weight of ${what} must be a whole count from 0 to ${ANALYSIS_LIMITS.weight}, got ${value}`);
  }
  return value;
}

/** Which one of `keys` the entry gives; none or several is an error naming the entry. */
export function oneOf<T extends object>(entry: T, keys: readonly (keyof T & string)[], where: string): keyof T & string {
  const given = keys.filter((key) => entry[key] !== undefined && entry[key] !== null);
  if (given.length !== 1) throw new AnalysisInputError(`${where}: give exactly one of ${keys.join(', ')} (got ${given.join(', ') || 'none'})`);
  return given[0]!;
}

/** A region's name as given, trimmed; blank or absent is no region. */
export function checkRegion(value: string | null | undefined, what: string): string | null {
  const region = value?.trim() || null;
  if (region && region.length > ANALYSIS_LIMITS.regionLength) {
    throw new AnalysisInputError(`the region of ${what} is longer than ${ANALYSIS_LIMITS.regionLength} characters`);
  }
  return region;
}

export function occupationOf(index: RelationsIndex, value: string): OccupationEntry {
  const uri = checkUri(value, 'occupation');
  const occupation = index.occupationByUri.get(uri);
  if (!occupation) throw new NotFoundError(`no occupation ${uri} in ESCO ${index.version}`);
  return occupation;
}

/** Skill ids of URIs, each checked and known; duplicates kept once, in input order. */
export function skillIdsOf(index: RelationsIndex, values: readonly string[], what = 'skills'): number[] {
  checkCount(values.length, ANALYSIS_LIMITS.skills, what);
  const ids = new Set<number>();
  for (const value of values) {
    const uri = checkUri(value, 'skill');
    const id = index.skillIds.get(uri);
    if (id === undefined || !index.definedSkill[id]) throw new NotFoundError(`no skill ${uri} in ESCO ${index.version}`);
    ids.add(id);
  }
  return [...ids];
}
