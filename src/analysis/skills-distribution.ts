import { type ConceptRef, conceptRef } from './concept-ref.js';
import type { RelationsIndex } from './relations-index.js';

export interface SkillUsers {
  skill: ConceptRef;
  /** Profiles that hold the skill. */
  users: number;
}

export interface SkillsDistribution {
  version: string;
  language: string;
  profiles: number;
  rows: SkillUsers[];
}

/** Per skill, how many profiles hold it (a profile listing a skill twice counts once); most held first. */
export function skillsDistribution(index: RelationsIndex, profiles: readonly (readonly number[])[], language: string): SkillsDistribution {
  const users = new Map<number, number>();
  for (const skills of profiles) for (const skill of new Set(skills)) users.set(skill, (users.get(skill) ?? 0) + 1);
  const labels = index.labels(language);
  const rows = [...users].map(([skill, count]) => ({ skill: conceptRef(labels, index.skillUris[skill]!), users: count }));
  rows.sort((a, b) => b.users - a.users || a.skill.label.localeCompare(b.skill.label));
  return { version: index.version, language, profiles: profiles.length, rows };
}
