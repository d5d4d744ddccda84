import type { Outcome, ReviewStatus, SkillRef, SkillSuggestion } from '../api/documents.js';

/** "7 of 15 outcomes reviewed": an outcome is reviewed once any skill was accepted or rejected for it. */
export function reviewProgress(outcomes: Pick<Outcome, 'reviewed'>[]): { reviewed: number; total: number; text: string } {
  const reviewed = outcomes.filter((o) => o.reviewed).length;
  return { reviewed, total: outcomes.length, text: `${reviewed} of ${outcomes.length} outcomes reviewed` };
}

export type Decision = ReviewStatus | undefined;

export function decisionOf(outcome: Pick<Outcome, 'acceptedSkills' | 'rejectedSkills'>, uri: string): Decision {
  if (outcome.acceptedSkills.some((s) => s.uri === uri)) return 'ACCEPTED';
  if (outcome.rejectedSkills.some((s) => s.uri === uri)) return 'REJECTED';
  return undefined;
}

/** A ranked suggestion, or a skill accepted without one (added by search, or declared by a credential). */
export type ReviewRow = SkillSuggestion | { skill: SkillRef; score?: undefined; matchedOn?: undefined };

/**
 * What the reviewer sees for one outcome: the ranked suggestions, then skills accepted that the ranking did not
 * suggest (added by search, or declared by an imported credential), so that no decision is hidden.
 */
export function reviewRows(outcome: Pick<Outcome, 'acceptedSkills' | 'suggestions'>): ReviewRow[] {
  const suggested = new Set(outcome.suggestions.map((s) => s.skill.uri));
  return [...outcome.suggestions, ...outcome.acceptedSkills.filter((s) => !suggested.has(s.uri)).map((skill) => ({ skill }))];
}

/** The qualification's skill set: every skill accepted for any outcome, once each. */
export function acceptedSkillSet(outcomes: Pick<Outcome, 'acceptedSkills'>[]): SkillRef[] {
  const byUri = new Map<string, SkillRef>();
  for (const outcome of outcomes) for (const skill of outcome.acceptedSkills) byUri.set(skill.uri, skill);
  return [...byUri.values()];
}

/** Folds the server's answer to one decision into the loaded outcomes, keeping the suggestions already shown. */
export function withReviewed<T extends Outcome>(outcomes: T[], updated: Omit<Outcome, 'suggestions'>): T[] {
  return outcomes.map((o) => (o.id === updated.id ? { ...o, ...updated } : o));
}
