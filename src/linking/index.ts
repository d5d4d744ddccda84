/**
 * Linking texts to ESCO concepts. `LinkingService.linkText` is the ranking the GraphQL resolvers and the
 * `escograph link` command use; other modules (the skills-gap analysis) link texts through it too.
 */
export {
  LinkingService,
  LinkingInputError,
  LIMITS,
  type LinkingServiceOptions,
  type LinkOptions,
  type OutcomeSuggestions,
  type Suggestion,
} from './linking-service.js';
export { createEmbedder, type EmbedderChoice } from './create-embedder.js';
export type { Embedder, EmbedderName } from './embedder.js';
export type { MatchedOn } from './hybrid-ranker.js';
export type { LinkingProgress } from './linking-service.js';
export type { BuildProgress } from './build-progress.js';
export { splitLearningOutcomes } from './outcome-splitter.js';
export { openLinkingStore } from './linking-store.js';
export { startLinkingServices } from './start-linking.js';
export type { Linker } from './linker.js';
