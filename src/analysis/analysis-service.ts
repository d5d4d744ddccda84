import type { EscoStore } from '../store/esco-store.js';
import {
  ANALYSIS_LIMITS, AnalysisInputError, checkCount, checkFirst, checkRegion, checkWeight, occupationOf, oneOf, skillIdsOf,
} from './input-checks.js';
import { type JobAdLink, checkTexts, linkTexts } from './job-ads.js';
import { type OccupationMatches, iscoPrefixOf, occupationMatches } from './occupation-matches.js';
import { type RelationsIndex, relationsIndexFor } from './relations-index.js';
import { coverOf } from './skill-cover.js';
import { type AnalysisSources, type ResolvedSkills, type SkillSourceInput, knownSkills, resolveSkills } from './skill-source.js';
import { type SkillsDistribution, skillsDistribution } from './skills-distribution.js';
import { type SkillsGap, skillsGap } from './skills-gap.js';
import { type SkillsEntry, type SupplyDemand, type SupplyDemandGrouping, supplyDemand } from './supply-demand.js';

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
export async function analysisScope(context: AnalysisContext, args: VersionAndLanguage): Promise<{ index: RelationsIndex; language: string }> {
  const language = (args.language ?? 'en').toLowerCase();
  if (!LANGUAGE.test(language)) throw new AnalysisInputError(`malformed language tag "${language.slice(0, 50)}"`);
  return { index: await relationsIndexFor(context.store, args.version ?? undefined, language), language };
}

const describe = ({ skills, ...rest }: ResolvedSkills): AnalysedInput => ({ ...rest, skillCount: skills.length });

export async function analyzeSkillsGap(
  context: AnalysisContext,
  args: VersionAndLanguage & { occupation: string; from: SkillSourceInput },
): Promise<SkillsGap & { input: AnalysedInput }> {
  const { index, language } = await analysisScope(context, args);
  const occupation = occupationOf(index, args.occupation);
  const resolved = await resolveSkills(index, context, args.from);
  return { ...skillsGap(index, occupation, coverOf(index, resolved.skills), language), input: describe(resolved) };
}

export async function analyzeOccupationMatches(
  context: AnalysisContext,
  args: VersionAndLanguage & { from: SkillSourceInput; first?: number | null; filter?: { iscoGroup?: string | null } | null },
): Promise<OccupationMatches & { input: AnalysedInput }> {
  const { index, language } = await analysisScope(context, args);
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
  /** Learning outcomes, linked to the skills they name. */
  text?: string | null;
  weight?: number | null;
  region?: string | null;
}

export interface DemandInput {
  occupation?: string | null;
  /** With an occupation: skills the ad names besides the occupation's essential ones. */
  skills?: readonly string[] | null;
  /** A job ad, linked to its best occupation and the skills it names. */
  text?: string | null;
  weight?: number | null;
  region?: string | null;
}

/** What supplyDemand answers, with the links it used for demand given as text. */
export type SupplyDemandResult = SupplyDemand & { jobAds: JobAdLink[] };

/**
 * Supply entries hold a qualification's accepted skills, a skill list, or the skills their text names. A demand
 * entry asks for its occupation's essential skills and the skills it names: an `occupation` with optional
 * `skills`, or a job ad's `text` linked to both (its best occupation, the best skills of each sentence). Each
 * skill counts once per entry. All texts are linked in one batch.
 */
export async function analyzeSupplyDemand(
  context: AnalysisContext,
  args: VersionAndLanguage & {
    supply: readonly SupplyInput[];
    demand: readonly DemandInput[];
    groupBy?: SupplyDemandGrouping | null;
    byRegion?: boolean | null;
  },
): Promise<SupplyDemandResult> {
  const { index, language } = await analysisScope(context, args);
  checkCount(args.supply.length, ANALYSIS_LIMITS.supplyEntries, 'supply entries');
  checkCount(args.demand.length, ANALYSIS_LIMITS.demandEntries, 'demand entries');
  const supplyKinds = args.supply.map((entry, i) => oneOf(entry, ['qualification', 'skills', 'text'], `supply[${i}]`));
  const demandKinds = args.demand.map((entry, i) => {
    const kind = oneOf(entry, ['occupation', 'text'], `demand[${i}]`);
    if (kind === 'text' && entry.skills) throw new AnalysisInputError(`demand[${i}]: skills go with an occupation; a text's skills are linked from it`);
    return kind;
  });
  const supplyTexts = args.supply.flatMap((entry, i) => (supplyKinds[i] === 'text' ? [{ text: entry.text!, what: `the text of supply[${i}]` }] : []));
  const ads = args.demand.flatMap((entry, i) => (demandKinds[i] === 'text' ? [{ entry: i, text: entry.text!, what: `the text of demand[${i}]` }] : []));
  const texts = checkTexts([...supplyTexts, ...ads]);
  const linked = texts.length > 0
    ? await linkTexts(index, context, {
      skillTexts: texts.slice(0, supplyTexts.length),
      ads: ads.map((ad, i) => ({ entry: ad.entry, text: texts[supplyTexts.length + i]! })),
      first: 1,
      language,
    })
    : { skills: [], ads: [] };

  const supply: SkillsEntry[] = [];
  const linkedSupply = linked.skills.values();
  for (const [i, entry] of args.supply.entries()) {
    const weight = checkWeight(entry.weight ?? undefined, `supply[${i}]`);
    const region = checkRegion(entry.region, `supply[${i}]`);
    const skills = supplyKinds[i] === 'text'
      ? knownSkills(index, linkedSupply.next().value!.map((link) => link.uri)).skills
      : (await resolveSkills(index, context, { qualification: entry.qualification, skills: entry.skills })).skills;
    supply.push({ skills, weight, region });
  }
  const linkedAds = linked.ads.values();
  const demand = args.demand.map((entry, i): SkillsEntry => {
    const weight = checkWeight(entry.weight ?? undefined, `demand[${i}]`);
    const region = checkRegion(entry.region, `demand[${i}]`);
    if (demandKinds[i] === 'text') {
      const ad = linkedAds.next().value!;
      const essential = ad.occupation ? index.occupationByUri.get(ad.occupation.uri)!.essential : [];
      return { skills: [...essential, ...knownSkills(index, ad.skills.map((link) => link.uri)).skills], weight, region };
    }
    const occupation = occupationOf(index, entry.occupation!);
    return { skills: [...occupation.essential, ...(entry.skills ? skillIdsOf(index, entry.skills, `skills of demand[${i}]`) : [])], weight, region };
  });
  return {
    ...supplyDemand(index, supply, demand, { groupBy: args.groupBy ?? 'SKILL', language, byRegion: args.byRegion ?? false }),
    jobAds: linked.ads,
  };
}

/** Each ad's best occupations and the skills it names: the links supplyDemand would use, to review first. */
export async function analyzeJobAdLinks(
  context: AnalysisContext,
  args: VersionAndLanguage & { ads: readonly string[]; first?: number | null },
): Promise<JobAdLink[]> {
  const { index, language } = await analysisScope(context, args);
  const first = checkFirst(args.first ?? undefined, 5);
  const texts = checkTexts(args.ads.map((text, i) => ({ text, what: `ads[${i}]` })));
  const linked = await linkTexts(index, context, { skillTexts: [], ads: texts.map((text, entry) => ({ entry, text })), first, language });
  return linked.ads;
}

export interface ProfileInput {
  id: string;
  skills: readonly string[];
}

export async function analyzeSkillsDistribution(
  context: AnalysisContext,
  args: VersionAndLanguage & { profiles: readonly ProfileInput[] },
): Promise<SkillsDistribution> {
  const { index, language } = await analysisScope(context, args);
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
