export {
  type AnalysedInput, type AnalysisContext, type DemandInput, type ProfileInput, type SupplyDemandResult, type SupplyInput,
  type VersionAndLanguage, analysisScope, analyzeJobAdLinks, analyzeOccupationMatches, analyzeSkillsDistribution,
  analyzeSkillsGap, analyzeSupplyDemand,
} from './analysis-service.js';
export type { JobAdLink } from './job-ads.js';
export type { ConceptRef } from './concept-ref.js';
export { ANALYSIS_LIMITS, AnalysisInputError, NotFoundError } from './input-checks.js';
export type { OccupationMatch, OccupationMatches, RelationCounts } from './occupation-matches.js';
export { type RelationsIndex, relationsIndexFor } from './relations-index.js';
export type { PartialRelation } from './skill-cover.js';
export {
  type AnalysisSources, type OccupationLink, type QualificationSource, type SkillLink,
  type SkillLinker, type SkillSourceInput, qualificationById,
} from './skill-source.js';
export { LINKS_PER_OUTCOME, skillLinkerOf } from './skill-linker.js';
export type { SkillUsers, SkillsDistribution } from './skills-distribution.js';
export type { GapSkill, SkillCoverage, SkillsGap } from './skills-gap.js';
export type { RegionSupplyDemand, SupplyDemand, SupplyDemandGrouping, SupplyDemandRow, SupplyDemandTotals } from './supply-demand.js';
export { ANALYSIS_ARGUMENTS, JOB_AD_LINK_ARGUMENTS, demandEntrySchema, parseArguments, supplyEntrySchema } from './request-schemas.js';
