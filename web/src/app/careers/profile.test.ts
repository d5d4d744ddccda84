import { describe, expect, test } from 'vitest';
import { EMPTY_PROFILE, addSkill, distributionInput, parseProfile, parseProfilesCsv, profileJson, removeSkill } from './profile.js';

const skill = (n: number) => ({ uri: `http://data.europa.eu/esco/skill/0000000${n}-0000-0000-0000-000000000000`, preferredLabel: `skill ${n}` });

describe('a learner profile', () => {
  test('adds each skill once, removes, and survives an export and import', () => {
    const profile = removeSkill(addSkill(addSkill(addSkill(EMPTY_PROFILE, skill(1)), skill(2)), skill(1)), skill(2).uri);
    expect(profile.skills).toEqual([skill(1)]);
    expect(parseProfile(profileJson(profile), 'me.json')).toEqual(profile);
    expect(parseProfile(JSON.stringify({ skills: [skill(3).uri] }), 'hand-made.json')).toEqual({ name: 'hand-made.json', skills: [{ uri: skill(3).uri, preferredLabel: null }] });
  });

  test('refuses a file that is not a profile, naming the file and the entry', () => {
    expect(() => parseProfile('<html>', 'cv.html')).toThrow('cv.html is not JSON');
    expect(() => parseProfile('{"skills": ["http://example.org/x"]}', 'p.json')).toThrow('p.json: skill 1 is not an ESCO skill URI');
  });

  test('reads profiles from a profile,skill_uri CSV and gives clashing names distinct ids', () => {
    const csv = `profile,skill_uri\nana,${skill(1).uri}\nben,${skill(1).uri}\nana,${skill(2).uri}\n`;
    const profiles = parseProfilesCsv(csv, 'class.csv');
    expect(profiles.map((p) => [p.name, p.skills.length])).toEqual([['ana', 2], ['ben', 1]]);
    expect(distributionInput([...profiles, profiles[0]!]).map((p) => p.id)).toEqual(['ana', 'ben', 'ana (2)']);
    expect(() => parseProfilesCsv('learner,skill\nana,x', 'bad.csv')).toThrow('bad.csv: the header must have profile and skill_uri (found: learner,skill)');
  });
});
