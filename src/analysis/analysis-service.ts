import type { EscoStore } from '../store/esco-store.js';
import {
  ANALYSIS_LIMITS, AnalysisInputError, checkCount, checkFirst, checkWeight, occupationOf, skillIdsOf,
} from './input-checks.js';
import { type OccupationMatches, iscoPrefixOf, occupationMatches } from './occupation-matches.js';
import { type RelationsIndex, relationsIndexFor } from './relations-index.js';
import { coverOf } from './skill-cover.js';
import { type AnalysisSources, type ResolvedSkills, type SkillSourceInput, resolveSkills } from './skill-source.js';
import { type SkillsDistribution, skillsDistribution } from './skills-distribution.js';
import { type SkillsGap, skillsGap } from './skills-gap.js';
import { type SupplyDemand, type SupplyDemandGrouping, type SupplyEntry, supplyDemand } from './supply-demand.js';

/**
 * The analyses as the API, the CLI and the HTTP exports call them: request-shaped input is checked and resolved
 * (URIs, qualifications, text links) against one ESCO version's relations index, then handed to the pure
 * functions of this folder.
 */
export interface AnalysisContext extends AnalysisSources {
  store: EscoStore;
}

export interface VersionAndLanguage {
  version?: string | null;
  language?: string | null;
}

/** What the analysis started from, returned beside the result. */
export type AnalysedInput = Omit<ResolvedSkills, 'skills'> & { skillCount: number };

const LANGUAGE = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

/** The relations index of the asked version and the checked language (default English). */
export function analysisScope(context: AnalysisContext, args: VersionAndLanguage): { index: RelationsIndex; language: string } {
  const language = args.language ?? 'en';
  if (!LANGUAGE.test(language)) throw new AnalysisInputError(`malformed language tag "${language.slice(0, 50)}"`);
  return { index: relationsIndexFor(context.store, args.version ?? undefined), language: language.toLowerCase() };
}

const describe = ({ skills, ...rest }: ResolvedSkills): AnalysedInput => ({ ...rest, skillCount: skills.length });

export async function analyzeSkillsGap(
  context: AnalysisContext,
  args: VersionAndLanguage & { occupation: string; from: SkillSourceInput },
): Promise<SkillsGap & { input: AnalysedInput }> {
  const { index, language } = analysisScope(context, args);
  const occupation = occupationOf(index, args.occupation);
  const resolved = await resolveSkills(index, context, args.from);
  return { ...skillsGap(index, occupation, coverOf(index, resolved.skills), language), input: describe(resolved) };
}

export async function analyzeOccupationMatches(
  context: AnalysisContext,
  args: VersionAndLanguage & { from: SkillSourceInput; first?: number | null; filter?: { iscoGroup?: string | null } | null },
): Promise<OccupationMatches & { input: AnalysedInput }> {
  const { index, language } = analysisScope(context, args);
  const first = checkFirst(args.first ?? undefined, 20);
  const group = args.filter?.iscoGroup;
  const iscoPrefix = group ? iscoPrefixOf(group) : undefined;
  if (group && !iscoPrefix) throw new AnalysisInputError(`malformed ISCO group "${group.slice(0, 100)}": give a code such as "25" or "2512", or an ISCO group URI`);
  const resolved = await resolveSkills(index, context, args.from);
  return { ...occupationMatches(index, coverOf(index, resolved.skills), { first, iscoPrefix, language }), input: describe(resolved) };
}

export interface SupplyInput {
  qualification?: string | null;
  skills?: readonly string[] | null;
  weight?: number | null;
}

export interface DemandInput {
  occupation: string;
  weight?: number | null;
}

export async function analyzeSupplyDemand(
  context: AnalysisContext,
  args: VersionAndLanguage & { supply: readonly SupplyInput[]; demand: readonly DemandInput[]; groupBy?: SupplyDemandGrouping | null },
): Promise<SupplyDemand> {
  const { index, language } = analysisScope(context, args);
  checkCount(args.supply.length, ANALYSIS_LIMITS.supplyEntries, 'supply entries');
  checkCount(args.demand.length, ANALYSIS_LIMITS.demandEntries, 'demand entries');
  const supply: SupplyEntry[] = [];
  for (const [i, entry] of args.supply.entries()) {
    const weight = checkWeight(entry.weight ?? undefined, `supply entry ${i + 1}`);
    const resolved = await resolveSkills(index, context, { qualification: entry.qualification, skills: entry.skills });
    supply.push({ skills: resolved.skills, weight });
  }
  const demand = args.demand.map((entry, i) => ({
    occupation: occupationOf(index, entry.occupation),
    weight: checkWeight(entry.weight ?? undefined, `demand entry ${i + 1}`),
  }));
  return supplyDemand(index, supply, demand, args.groupBy ?? 'SKILL', language);
}

export interface ProfileInput {
  id: string;
  skills: readonly string[];
}

export function analyzeSkillsDistribution(
  context: AnalysisContext,
  args: VersionAndLanguage & { profiles: readonly ProfileInput[] },
): SkillsDistribution {
  const { index, language } = analysisScope(context, args);
  checkCount(args.profiles.length, ANALYSIS_LIMITS.profiles, 'profiles');
  checkCount(args.profiles.reduce((sum, p) => sum + p.skills.length, 0), ANALYSIS_LIMITS.profileSkills, 'skills over all profiles');
  const ids = new Set<string>();
  const profiles = args.profiles.map((profile) => {
    if (ids.has(profile.id)) throw new AnalysisInputError(`profile id "${profile.id.slice(0, 100)}" appears twice`);
    ids.add(profile.id);
    return skillIdsOf(index, profile.skills, `skills in profile "${profile.id.slice(0, 100)}"`);
  });
  return skillsDistribution(index, profiles, language);
}
