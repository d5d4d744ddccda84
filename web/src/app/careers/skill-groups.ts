import type { GroupedSkill } from '../api/explorer-documents.js';

/**
 * An occupation's skills under the skill groups they belong to (a skill's first broader skill group), largest
 * group first, so that a long list reads as a few themes; skills with no group come last.
 */
export function groupBySkillGroup(skills: GroupedSkill[]): { group: string; skills: GroupedSkill[] }[] {
  const groups = new Map<string, GroupedSkill[]>();
  for (const skill of skills) {
    const group = skill.broader.find((b) => b.type === 'SKILL_GROUP')?.preferredLabel ?? 'Other skills';
    groups.set(group, [...(groups.get(group) ?? []), skill]);
  }
  return [...groups.entries()]
    .map(([group, members]) => ({ group, skills: members.sort((a, b) => (a.preferredLabel ?? '').localeCompare(b.preferredLabel ?? '')) }))
    .sort((a, b) => Number(a.group === 'Other skills') - Number(b.group === 'Other skills') || b.skills.length - a.skills.length || a.group.localeCompare(b.group));
}
