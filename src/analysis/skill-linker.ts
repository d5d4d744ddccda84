import { type LinkingService, LinkingInputError } from '../linking/index.js';
import { AnalysisInputError } from './input-checks.js';
import type { SkillLink, SkillLinker } from './skill-source.js';

/** Links kept per learning outcome or sentence of a text: its best few skills, as a reviewer would accept them. */
export const LINKS_PER_OUTCOME = 3;

/**
 * The analyses' text input through the linking service's ranking: the text is split into learning outcomes
 * (sentences, bullet lines) and each keeps its best skills; a skill linked from several keeps its best score.
 */
export function skillLinkerOf(service: LinkingService, perOutcome: number = LINKS_PER_OUTCOME): SkillLinker {
  return async (text, version) => {
    if (version !== service.version) {
      throw new AnalysisInputError(`text is linked against ESCO ${service.version} only; ask for that version or give skills`);
    }
    try {
      const outcomes = await service.linkLearningOutcomes(text, { first: perOutcome });
      const best = new Map<string, SkillLink>();
      for (const outcome of outcomes) {
        for (const { uri, label, score } of outcome.suggestions) {
          if ((best.get(uri)?.score ?? -1) < score) best.set(uri, { uri, label, score, text: outcome.text });
        }
      }
      return [...best.values()].sort((a, b) => b.score - a.score);
    } catch (error) {
      throw error instanceof LinkingInputError ? new AnalysisInputError(error.message) : error;
    }
  };
}
