import { conceptRef } from './concept-ref.js';
import { ANALYSIS_LIMITS, AnalysisInputError, checkCount } from './input-checks.js';
import type { RelationsIndex } from './relations-index.js';
import { type AnalysisSources, type OccupationLink, type SkillLink, checkText, knownSkills, linkerOf } from './skill-source.js';

/** How one job ad was linked: what its demand counts, and what an analyst may pick instead. */
export interface JobAdLink {
  /** Its index in the request's list: `ads` of linkJobAds, or `demand` of supplyDemand. */
  entry: number;
  text: string;
  /** The best-ranked occupation; null when none matches. */
  occupation: OccupationLink | null;
  /** The next-best occupations, best first. */
  alternatives: OccupationLink[];
  /** The skills the text names (the best few per sentence), known to the version. */
  skills: SkillLink[];
  /** Skill URIs linked from the text that the version does not define; they count for nothing. */
  ignored: string[];
}

/** Texts linked in one request: bounded in number and in total size, since all go to the linking service at once. */
export function checkTexts(texts: readonly { text: string; what: string }[]): string[] {
  checkCount(texts.length, ANALYSIS_LIMITS.textEntries, 'entries given as text (job ads and programme texts together)');
  const checked = texts.map(({ text, what }) => checkText(text, what));
  const characters = checked.reduce((sum, text) => sum + text.length, 0);
  if (characters > ANALYSIS_LIMITS.textCharacters) {
    throw new AnalysisInputError(`the texts hold ${characters} characters together; at most ${ANALYSIS_LIMITS.textCharacters} are linked in one request`);
  }
  return checked;
}

export interface LinkedTexts {
  /** Per skill text, then per ad: the skills named. */
  skills: SkillLink[][];
  ads: JobAdLink[];
}

/**
 * Links texts in one batch per concept type: every text (programmes' and ads') to the skills it names, and the
 * ads also to their `first` best occupations. Labels come in the requested language.
 */
export async function linkTexts(
  index: RelationsIndex,
  sources: AnalysisSources,
  input: { skillTexts: readonly string[]; ads: readonly { entry: number; text: string }[]; first: number; language: string },
): Promise<LinkedTexts> {
  const linker = linkerOf(sources);
  const adTexts = input.ads.map((ad) => ad.text);
  const [skills, occupations] = await Promise.all([
    linker.skills([...input.skillTexts, ...adTexts], index.version),
    adTexts.length > 0 ? linker.occupations(adTexts, index.version, input.first) : Promise.resolve([]),
  ]);
  const labels = index.labels(input.language);
  const relabel = <T extends { uri: string }>(link: T): T => ({ ...link, label: conceptRef(labels, link.uri).label });
  const named = skills.map((links) => links.map(relabel));
  const ads = input.ads.map(({ entry, text }, i): JobAdLink => {
    const links = named[input.skillTexts.length + i]!;
    const { ignored } = knownSkills(index, links.map((link) => link.uri));
    const ranked = occupations[i]!.filter((o) => index.occupationByUri.has(o.uri)).map(relabel);
    return {
      entry, text, occupation: ranked[0] ?? null, alternatives: ranked.slice(1),
      skills: links.filter((link) => !ignored.includes(link.uri)), ignored,
    };
  });
  return { skills: named.slice(0, input.skillTexts.length), ads };
}
