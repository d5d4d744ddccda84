import type { Qualification } from '../qualifications/index.js';
import { ANALYSIS_LIMITS, AnalysisInputError, NotFoundError, checkCount, oneOf, skillIdsOf } from './input-checks.js';
import type { RelationsIndex } from './relations-index.js';

/** One skill a text was linked to (the linking service's ranking), shown so users can see why. */
export interface SkillLink {
  uri: string;
  label: string;
  score: number;
  /** The part of the text (a learning outcome or sentence) that produced the link. */
  text: string;
}

/** An occupation a text was linked to, with the linking service's score. */
export interface OccupationLink {
  uri: string;
  label: string;
  score: number;
}

/** Links free texts to ranked ESCO concepts of one version; each method takes many texts so they go as one batch. */
export interface SkillLinker {
  /** Per text, the skills it names, best first. */
  skills(texts: readonly string[], version: string): Promise<SkillLink[][]>;
  /** Per text, its `first` best occupations, best first. */
  occupations(texts: readonly string[], version: string, first: number): Promise<OccupationLink[][]>;
}

/** Where qualifications come from: the journal-backed repository, or a test double. */
export interface QualificationSource {
  get(id: string): Qualification | undefined | Promise<Qualification | undefined>;
}

export interface AnalysisSources {
  linker?: SkillLinker;
  qualifications?: QualificationSource;
}

/** Exactly one of the three says what skills the analysis starts from. */
export interface SkillSourceInput {
  qualification?: string | null;
  skills?: readonly string[] | null;
  text?: string | null;
}

export interface ResolvedSkills {
  skills: number[];
  /** With `text`: the links used. */
  links: SkillLink[] | null;
  qualification: { id: string; title: string } | null;
  /** Skill URIs of a qualification or of links that the chosen version does not define; they count for nothing. */
  ignored: string[];
}

export async function qualificationById(sources: AnalysisSources, id: string): Promise<Qualification> {
  if (!sources.qualifications) throw new AnalysisInputError('qualifications are not available in this deployment');
  const trimmed = id.trim();
  if (!trimmed || trimmed.length > 500) throw new AnalysisInputError('a qualification id must be 1 to 500 characters');
  const qualification = await sources.qualifications.get(trimmed);
  if (!qualification) throw new NotFoundError(`no qualification "${trimmed}"`);
  return qualification;
}

/** Known skill ids of URIs that came from stored data rather than from the request: unknown ones are set aside. */
export function knownSkills(index: RelationsIndex, uris: Iterable<string>): { skills: number[]; ignored: string[] } {
  const skills = new Set<number>();
  const ignored: string[] = [];
  for (const uri of uris) {
    const id = index.skillIds.get(uri);
    if (id !== undefined && index.definedSkill[id]) skills.add(id);
    else ignored.push(uri);
  }
  return { skills: [...skills], ignored };
}

export async function resolveSkills(index: RelationsIndex, sources: AnalysisSources, input: SkillSourceInput): Promise<ResolvedSkills> {
  oneOf(input, ['qualification', 'skills', 'text'], 'the skill source');
  if (input.skills) return { skills: skillIdsOf(index, input.skills), links: null, qualification: null, ignored: [] };
  if (input.qualification !== undefined && input.qualification !== null) {
    const qualification = await qualificationById(sources, input.qualification);
    const known = knownSkills(index, qualification.skills);
    return { ...known, links: null, qualification: { id: qualification.id, title: qualification.title } };
  }
  const text = checkText(input.text!, 'the text');
  const [links] = await linkerOf(sources).skills([text], index.version);
  const known = knownSkills(index, links!.map((link) => link.uri));
  return { ...known, links: links!, qualification: null };
}

/** A text to link: trimmed, not empty, within the length limit. */
export function checkText(value: string, what: string): string {
  const text = value.trim();
  if (!text) throw new AnalysisInputError(`${what} is empty`);
  checkCount(text.length, ANALYSIS_LIMITS.textLength, `characters in ${what}`);
  return text;
}

export function linkerOf(sources: AnalysisSources): SkillLinker {
  if (!sources.linker) throw new AnalysisInputError('text linking is not available in this deployment');
  return sources.linker;
}
