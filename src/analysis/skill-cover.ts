import type { RelationsIndex } from './relations-index.js';

/** How a skill that the input lacks is still partly covered, strongest first. */
export type PartialRelation = 'NARROWER' | 'BROADER' | 'SAME_GROUP';
export const PARTIAL_RELATIONS: readonly PartialRelation[] = ['NARROWER', 'BROADER', 'SAME_GROUP'];

/**
 * What an input skill set covers, for every skill of a version at once: `has[s]` when s is in the input;
 * otherwise `relation[s]` (1 + index in PARTIAL_RELATIONS, 0 for none) and `via[s]` say which input skill
 * covers it partially. Built once per request, so scoring all 3,007 occupations is a pass over their skill ids.
 */
export interface SkillCover {
  skills: readonly number[];
  has: Uint8Array;
  relation: Uint8Array;
  via: Int32Array;
}

export function coverOf(index: RelationsIndex, skills: readonly number[]): SkillCover {
  const size = index.skillUris.length;
  const cover: SkillCover = { skills, has: new Uint8Array(size), relation: new Uint8Array(size), via: new Int32Array(size).fill(-1) };
  for (const skill of skills) cover.has[skill] = 1;
  const mark = (target: number, kind: number, via: number) => {
    if (cover.has[target] || cover.relation[target]) return;
    cover.relation[target] = kind;
    cover.via[target] = via;
  };
  // One pass per relation, so a stronger relation wins whichever input skill comes first.
  // "Covered by a narrower skill": the input skill's broader skills are what it partly covers.
  for (const skill of skills) for (const broader of index.broaderSkills[skill]!) mark(broader, 1, skill);
  for (const skill of skills) for (const narrower of index.narrowerSkills[skill]!) mark(narrower, 2, skill);
  for (const skill of skills) {
    for (const group of index.skillGroups[skill]!) for (const member of index.groupMembers[group]!) mark(member, 3, skill);
  }
  return cover;
}

export const partialRelationOf = (cover: SkillCover, skill: number): PartialRelation | undefined =>
  cover.relation[skill] ? PARTIAL_RELATIONS[cover.relation[skill]! - 1] : undefined;
