import type { ConceptIndex } from './concept-index.js';
import type { LinkingService } from './linking-service.js';
import type { LinkableType } from '../store/queries/linking.js';

/** What is said of a built index: its size and how its vectors came (built or from the cache). */
export type IndexSummary = Pick<ConceptIndex, 'size' | 'vectorCount' | 'buildMillis'>;

/** The calls that rank: plain data in and out, so they can run in another thread. */
export const RANKING_CALLS = [
  'linkText', 'linkTexts', 'linkLearningOutcomes', 'linkOutcomes', 'semanticSearch', 'suggestOccupations', 'suggestOccupationsFor', 'similarSkills',
] as const satisfies readonly (keyof LinkingService)[];
export type RankingCall = (typeof RANKING_CALLS)[number];

/**
 * What GraphQL, the analysis and the exports use of linking: a LinkingService itself (the CLI, tests), or the
 * server's LinkingThread, which runs one in a worker thread.
 */
export type Linker = Pick<LinkingService, 'version' | 'embedder' | 'progress' | 'splitOutcomes' | RankingCall> & {
  index(type: LinkableType): Promise<IndexSummary>;
};
