import { type ConceptRef, conceptRef, ratio } from './concept-ref.js';
import type { OccupationEntry, RelationsIndex } from './relations-index.js';
import type { SkillCover } from './skill-cover.js';

export interface RelationCounts {
  total: number;
  covered: number;
  /** Not fully covered but partly, through the hierarchy or the skill group. */
  partial: number;
  /** Not fully covered (partly covered ones included). */
  missing: number;
  coverage: number | null;
}

export interface OccupationMatch {
  occupation: ConceptRef & { iscoCode: string };
  essential: RelationCounts;
  optional: RelationCounts;
}

export interface OccupationMatches {
  version: string;
  language: string;
  /** Occupations scored (after the ISCO filter). */
  totalCount: number;
  matches: OccupationMatch[];
}

function countOf(skills: Int32Array, cover: SkillCover): RelationCounts {
  let covered = 0;
  let partial = 0;
  for (const skill of skills) {
    if (cover.has[skill]) covered++;
    else if (cover.relation[skill]) partial++;
  }
  return { total: skills.length, covered, partial, missing: skills.length - covered, coverage: ratio(covered, skills.length) };
}

/**
 * Orders by essential coverage, then optional. Between equal essential coverages the occupation that uses more
 * of the input's skills comes first: without that, an input made of exactly one occupation's essential skills
 * would rank below any occupation whose few essential skills are a subset of them.
 */
function compareMatches(a: Scored, b: Scored): number {
  return (
    (b.match.essential.coverage ?? 0) - (a.match.essential.coverage ?? 0) ||
    b.match.essential.covered - a.match.essential.covered ||
    (b.match.optional.coverage ?? 0) - (a.match.optional.coverage ?? 0) ||
    b.match.essential.partial - a.match.essential.partial ||
    a.entry.uri.localeCompare(b.entry.uri)
  );
}

interface Scored {
  entry: OccupationEntry;
  match: Omit<OccupationMatch, 'occupation'>;
}

/** ISCO filter: a code prefix ("25", "2512") or an ISCO group URI. */
export const iscoPrefixOf = (group: string) => /(?:\/isco\/C)?(\d{1,4})$/.exec(group.trim())?.[1];

export function occupationMatches(
  index: RelationsIndex,
  cover: SkillCover,
  options: { first: number; iscoPrefix?: string; language: string },
): OccupationMatches {
  const scored: Scored[] = [];
  for (const entry of index.occupations) {
    if (options.iscoPrefix && !entry.iscoCode.startsWith(options.iscoPrefix)) continue;
    scored.push({ entry, match: { essential: countOf(entry.essential, cover), optional: countOf(entry.optional, cover) } });
  }
  scored.sort(compareMatches);
  const labels = index.labels(options.language);
  return {
    version: index.version,
    language: options.language,
    totalCount: scored.length,
    matches: scored.slice(0, options.first).map(({ entry, match }) => ({
      occupation: { ...conceptRef(labels, entry.uri), iscoCode: entry.iscoCode },
      ...match,
    })),
  };
}
