import { type Linker, LinkingInputError } from '../linking/index.js';
import { AnalysisInputError } from './input-checks.js';
import type { OccupationLink, SkillLink, SkillLinker } from './skill-source.js';

/** Links kept per learning outcome or sentence of a text: its best few skills, as a reviewer would accept them. */
export const LINKS_PER_OUTCOME = 3;

/** Linking errors are the caller's to fix: they reach GraphQL as BAD_USER_INPUT. */
async function asInputError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof LinkingInputError ? new AnalysisInputError(error.message) : error;
  }
}

/**
 * The analyses' text input through the linking service's ranking. A text is split into learning outcomes
 * (sentences, bullet lines) as `linkLearningOutcomes` splits it, and each keeps its best skills; a skill linked
 * from several keeps its best score. The outcomes of all texts go to the service as one batch, so 1,000 job ads
 * cost one ranking pass, not 1,000.
 */
export function skillLinkerOf(service: Linker, perOutcome: number = LINKS_PER_OUTCOME): SkillLinker {
  const checkVersion = (version: string) => {
    if (version !== service.version) {
      throw new AnalysisInputError(`text is linked against ESCO ${service.version} only; ask for that version or give skills`);
    }
  };
  return {
    skills: (texts, version) => asInputError(async () => {
      checkVersion(version);
      const outcomes = texts.map((text) => service.splitOutcomes(text));
      const ranked = await service.linkTexts(outcomes.flat(), { first: perOutcome });
      let position = 0;
      return outcomes.map((parts) => {
        const best = new Map<string, SkillLink>();
        for (const part of parts) {
          for (const { uri, label, score } of ranked[position++]!) {
            if ((best.get(uri)?.score ?? -1) < score) best.set(uri, { uri, label, score, text: part });
          }
        }
        return [...best.values()].sort((a, b) => b.score - a.score);
      });
    }),
    occupations: (texts, version, first) => asInputError(async () => {
      checkVersion(version);
      const ranked = await service.suggestOccupationsFor([...texts], { first });
      return ranked.map((list): OccupationLink[] => list.map(({ uri, label, score }) => ({ uri, label, score })));
    }),
  };
}
