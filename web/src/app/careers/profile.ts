import Papa from 'papaparse';
import type { SkillRef } from '../api/documents.js';

/**
 * A learner's skills, kept in the browser: nothing about a person leaves it except as the skill URIs of a query.
 * Exported and imported as JSON so that a learner can hand it to an educator.
 */
export interface Profile {
  name: string;
  skills: SkillRef[];
}

export const EMPTY_PROFILE: Profile = { name: 'My skills', skills: [] };
const PROFILE_KEY = 'escograph.profile';
const ESCO_SKILL = /^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-f-]+$/;
/** The server's analyses take at most this many skills per profile. */
export const MAX_PROFILE_SKILLS = 500;

export function addSkill(profile: Profile, skill: SkillRef): Profile {
  if (profile.skills.some((s) => s.uri === skill.uri) || profile.skills.length >= MAX_PROFILE_SKILLS) return profile;
  return { ...profile, skills: [...profile.skills, skill] };
}

export const removeSkill = (profile: Profile, uri: string): Profile => ({ ...profile, skills: profile.skills.filter((s) => s.uri !== uri) });

export function loadProfile(storage: Pick<Storage, 'getItem'> = localStorage): Profile {
  try {
    return parseProfile(storage.getItem(PROFILE_KEY) ?? '', 'saved profile');
  } catch {
    return EMPTY_PROFILE;
  }
}

export function saveProfile(profile: Profile, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(PROFILE_KEY, profileJson(profile));
}

export const profileJson = (profile: Profile) => JSON.stringify({ name: profile.name, skills: profile.skills }, null, 2);

/** A profile file as exported here; skills may also be bare URIs (a hand-made file). The error names the file. */
export function parseProfile(text: string, source: string): Profile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${source} is not JSON: export a profile from "My skills" to get one`);
  }
  const raw = data as { name?: unknown; skills?: unknown };
  if (typeof raw !== 'object' || raw === null || !Array.isArray(raw.skills)) throw new Error(`${source} has no "skills" list`);
  const skills = raw.skills.map((entry: unknown, index: number): SkillRef => {
    const uri = typeof entry === 'string' ? entry : (entry as { uri?: unknown })?.uri;
    if (typeof uri !== 'string' || !ESCO_SKILL.test(uri)) throw new Error(`${source}: skill ${index + 1} is not an ESCO skill URI`);
    const label = typeof entry === 'object' ? (entry as { preferredLabel?: unknown }).preferredLabel : null;
    return { uri, preferredLabel: typeof label === 'string' ? label : null };
  });
  return { name: typeof raw.name === 'string' && raw.name.trim() ? raw.name.trim() : source, skills: skills.slice(0, MAX_PROFILE_SKILLS) };
}

/** Learner profiles as a CSV of `profile,skill_uri` rows (one row per skill held), as the educators keep them. */
export function parseProfilesCsv(text: string, source: string): Profile[] {
  const { data, errors, meta } = Papa.parse<Record<string, string>>(text.trim(), { header: true, skipEmptyLines: true, transformHeader: (h) => h.trim() });
  const missing = ['profile', 'skill_uri'].filter((column) => !meta.fields?.includes(column));
  if (missing.length) throw new Error(`${source}: the header must have ${missing.join(' and ')} (found: ${meta.fields?.join(',') || 'nothing'})`);
  if (errors[0]) throw new Error(`${source}: row ${(errors[0].row ?? 0) + 2}: ${errors[0].message}`);
  const byName = new Map<string, Profile>();
  data.forEach((row, index) => {
    const name = row.profile?.trim();
    const uri = row.skill_uri?.trim();
    if (!name) throw new Error(`${source}: row ${index + 2} has no profile`);
    if (!uri || !ESCO_SKILL.test(uri)) throw new Error(`${source}: row ${index + 2}: "${uri ?? ''}" is not an ESCO skill URI`);
    const profile = byName.get(name) ?? { name, skills: [] };
    byName.set(name, addSkill(profile, { uri, preferredLabel: null }));
  });
  return [...byName.values()];
}

/** The skillsDistribution input: profile names made unique, since two learners may share one. */
export function distributionInput(profiles: Profile[]) {
  const seen = new Map<string, number>();
  return profiles.map((profile) => {
    const count = (seen.get(profile.name) ?? 0) + 1;
    seen.set(profile.name, count);
    return { id: count === 1 ? profile.name : `${profile.name} (${count})`, skills: profile.skills.map((s) => s.uri) };
  });
}
