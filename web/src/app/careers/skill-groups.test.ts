import { expect, test } from 'vitest';
import { groupBySkillGroup } from './skill-groups.js';

const skill = (label: string, group?: string) => ({
  uri: `http://data.europa.eu/esco/skill/${label}`, preferredLabel: label, skillType: null,
  broader: group ? [{ uri: `g/${group}`, preferredLabel: group, type: 'SKILL_GROUP' }] : [{ uri: 's/x', preferredLabel: 'x', type: 'SKILL' }],
});

test('skills are grouped by skill group, largest first, ungrouped last', () => {
  const groups = groupBySkillGroup([skill('b', 'programming'), skill('z'), skill('a', 'programming'), skill('c', 'design')]);
  expect(groups.map((g) => [g.group, g.skills.map((s) => s.preferredLabel)])).toEqual([
    ['programming', ['a', 'b']], ['design', ['c']], ['Other skills', ['z']],
  ]);
});
