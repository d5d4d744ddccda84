import { describe, expect, it } from 'vitest';
import type { Outcome } from '../api/documents.js';
import { acceptedSkillSet, decisionOf, reviewProgress, reviewRows, withReviewed } from './review.js';

const skill = (n: number) => ({ uri: `http://data.europa.eu/esco/skill/${n}`, preferredLabel: `skill ${n}` });
const outcome = (id: string, accepted: number[], rejected: number[] = [], suggested: number[] = []): Outcome => ({
  id,
  text: `outcome ${id}`,
  reviewed: accepted.length + rejected.length > 0,
  acceptedSkills: accepted.map(skill),
  rejectedSkills: rejected.map(skill),
  suggestions: suggested.map((n) => ({ skill: skill(n), score: 0.5, matchedOn: 'LABEL' as const })),
});

describe('review state', () => {
  it('counts reviewed outcomes', () => {
    expect(reviewProgress([outcome('a', [1]), outcome('b', [], [2]), outcome('c', [])]).text).toBe('2 of 3 outcomes reviewed');
  });

  it('knows each skill\'s decision and lists accepted skills the ranking did not suggest after the suggestions', () => {
    const o = outcome('a', [1, 9], [2], [1, 2, 3]);
    expect([1, 2, 3].map((n) => decisionOf(o, skill(n).uri))).toEqual(['ACCEPTED', 'REJECTED', undefined]);
    expect(reviewRows(o).map((row) => row.skill.uri)).toEqual([1, 2, 3, 9].map((n) => skill(n).uri));
  });

  it('collects the skill set once each and folds a decision into the loaded outcomes', () => {
    expect(acceptedSkillSet([outcome('a', [1, 2]), outcome('b', [2, 3])]).map((s) => s.uri)).toEqual([1, 2, 3].map((n) => skill(n).uri));
    const loaded = [outcome('a', [], [], [1, 2])];
    const { suggestions: _answerHasNone, ...answer } = outcome('a', [1]);
    const [after] = withReviewed(loaded, answer);
    expect(after!.reviewed).toBe(true);
    expect(after!.suggestions).toHaveLength(2);
  });
});
