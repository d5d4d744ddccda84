import { describe, expect, test } from 'vitest';
import type { JobAdLink } from '../api/insights-documents.js';
import { adText, demandEntries, linksCsv, parseDemandCsv, parseProgrammesCsv, supplyEntries } from './inputs.js';

const SKILL = 'http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d';
const OCCUPATION = 'http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1';
const OTHER = 'http://data.europa.eu/esco/occupation/a7a4a5a8-6b6b-4d5f-8b0a-3b4a0b2c9d1e';

describe('programmes', () => {
  test('as learning outcomes or skill URIs, with weights and regions', () => {
    const programmes = parseProgrammesCsv(`programme,learning_outcomes,skills,weight,region\nData science,"Analyse big data. Build models.",,40,Bologna\nJava,,${SKILL};${SKILL},12,\n`, 'p.csv');
    expect(supplyEntries(programmes)).toEqual([
      { text: 'Analyse big data. Build models.', weight: 40, region: 'Bologna' },
      { skills: [SKILL, SKILL], weight: 12, region: undefined },
    ]);
  });

  test('name the file, row and column of what is wrong', () => {
    expect(() => parseProgrammesCsv('name,outcomes\nx,y', 'p.csv')).toThrow('p.csv: no programme column');
    expect(() => parseProgrammesCsv('programme,skills\nx,http://example.org/s', 'p.csv')).toThrow('p.csv: row 2: "http://example.org/s" is not an ESCO skill URI');
    expect(() => parseProgrammesCsv('programme,learning_outcomes,weight\nx,y,lots', 'p.csv')).toThrow('p.csv: row 2: weight "lots" is not a whole number ≥ 0');
    expect(() => parseProgrammesCsv('programme,learning_outcomes\n', 'p.csv')).toThrow('p.csv has a header but no rows');
  });
});

describe('demand', () => {
  const link = (occupation: string | null, alternatives: string[], skills: string[]): JobAdLink => ({
    entry: 0, text: '', occupation: occupation ? { uri: occupation, label: 'best', score: 0.9 } : null,
    alternatives: alternatives.map((uri) => ({ uri, label: 'alt', score: 0.5 })), skills: skills.map((uri) => ({ uri, label: 'skill', score: 0.7 })),
  });

  test('job ads become their (corrected) occupation plus the skills they name; occupation rows pass through', () => {
    const { ads } = parseDemandCsv('title,text,weight,region\nJava developer,"We build banking software in Java.",3,Bologna\nClerk,Files documents.,1,\n', 'ads.csv');
    expect(adText(ads[0]!)).toBe('Java developer\nWe build banking software in Java.');
    const { occupations } = parseDemandCsv(`occupation,weight\n${OCCUPATION},5\n`, 'occ.csv');
    const links = [link(OCCUPATION, [OTHER], [SKILL]), link(null, [], [])];
    expect(demandEntries(ads, links, new Map([[0, OTHER]]), occupations)).toEqual([
      { occupation: OTHER, skills: [SKILL], weight: 3, region: 'Bologna' },
      { occupation: OCCUPATION, weight: 5 },
    ]);
    const csv = linksCsv(ads, links, new Map([[0, OTHER]]));
    expect(csv.split(/\r?\n/)[0]).toBe('title,text,region,weight,occupation_uri,occupation_label,score,corrected,skill_uris');
    expect(csv).toContain(`${OTHER},alt,0.500,yes,${SKILL}`);
  });

  test('refuses a file that is neither, naming the header it needs', () => {
    expect(() => parseDemandCsv('job,description\nx,y', 'ads.csv')).toThrow('ads.csv: no title, text column; the header must be title,text,weight[,region] or occupation,weight[,region] (found: job,description)');
    expect(() => parseDemandCsv('occupation,weight\nsoftware developer,1', 'occ.csv')).toThrow('occ.csv: row 2: "software developer" is not an ESCO occupation URI');
  });
});
