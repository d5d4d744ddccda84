import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EscoRelations, escoRelations } from '../../test/analysis-oracle.js';
import { realStore } from '../../test/real-store.js';
import { type AnalysisContext, analyzeSkillsDistribution, analyzeSkillsGap, analyzeSupplyDemand } from '../analysis/index.js';
import { jobAdLinksTable, skillsDistributionTable, skillsGapTable, supplyDemandTable, toCsv } from './analysis-csv.js';

let esco: EscoRelations;
let context: AnalysisContext;

beforeAll(async () => {
  esco = escoRelations();
  context = { store: await realStore() };
});

const parseCsv = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

describe('analysis CSV exports on ESCO v1.1.1', () => {
  it('writes the skills distribution as skill,users,skill_url, labels with commas quoted, and parses back', async () => {
    const commaSkill = [...esco.skillLabels].sort().find(([, label]) => label.includes(','))![0];
    const [occupation] = esco.occupations.map((o) => o.conceptUri!).filter((o) => (esco.essential.get(o)?.length ?? 0) >= 3).sort();
    const skills = esco.essential.get(occupation!)!;
    const profiles = [
      { id: 'learner-1', skills: [...skills, commaSkill] },
      { id: 'learner-2', skills: skills.slice(0, 2) },
    ];
    const csv = toCsv(skillsDistributionTable(await analyzeSkillsDistribution(context, { profiles })));
    expect(csv.split('\n')[0]).toBe('skill,users,skill_url');
    const rows = parseCsv(csv);
    const expected = new Map<string, number>();
    for (const p of profiles) for (const s of new Set(p.skills)) expected.set(s, (expected.get(s) ?? 0) + 1);
    expect(new Map(rows.map((r) => [r.skill_url!, Number(r.users)]))).toEqual(expected);
    for (const row of rows) expect(row.skill).toBe(esco.skillLabels.get(row.skill_url!));
    expect(rows.map((r) => r.skill)).toContain(esco.skillLabels.get(commaSkill));
  });

  it('writes a skills gap with one row per listed and extra skill', async () => {
    const [occupation] = esco.occupations.map((o) => o.conceptUri!).filter((o) => (esco.essential.get(o)?.length ?? 0) >= 4).sort();
    const essential = esco.essential.get(occupation!)!;
    const extra = [...esco.skillLabels.keys()].sort().find((s) => !essential.includes(s) && !esco.optional.get(occupation!)?.includes(s))!;
    const gap = await analyzeSkillsGap(context, { occupation: occupation!, from: { skills: [...essential.slice(1), extra] } });
    const rows = parseCsv(toCsv(skillsGapTable(gap)));
    expect(rows).toHaveLength(new Set(essential).size + (esco.optional.get(occupation!)?.length ?? 0) + 1);
    const missing = rows.filter((r) => r.relation === 'essential' && r.status !== 'COVERED');
    expect(missing.map((r) => r.skill_url)).toEqual([essential[0]]);
    expect(rows.find((r) => r.relation === 'extra')?.skill_url).toBe(extra);
  });

  it('writes supply vs demand rows with their gaps', async () => {
    const [occupation] = esco.occupations.map((o) => o.conceptUri!).filter((o) => (esco.essential.get(o)?.length ?? 0) >= 2).sort();
    const essential = esco.essential.get(occupation!)!;
    const result = await analyzeSupplyDemand(context, {
      supply: [{ skills: essential.slice(0, 1), weight: 5 }],
      demand: [{ occupation: occupation!, weight: 7 }],
    });
    const rows = parseCsv(toCsv(supplyDemandTable(result)));
    expect(Object.keys(rows[0]!)).toEqual(['concept', 'concept_url', 'supply', 'demand', 'gap', 'share_met']);
    const first = rows.find((r) => r.concept_url === essential[0])!;
    expect(first).toMatchObject({ supply: '5', demand: '7', gap: '2' });
    expect(Number(first.share_met)).toBeCloseTo(5 / 7);
  });

  it('writes supply vs demand per region, and the job-ad links used with their titles', async () => {
    const [a, b] = esco.occupations.map((o) => o.conceptUri!).filter((o) => (esco.essential.get(o)?.length ?? 0) >= 2).sort();
    const named = esco.essential.get(b!)![0]!;
    // A linker double: the CSV layout is under test here, not the ranking.
    const linker = {
      skills: async (texts: readonly string[]) => texts.map((text) => [{ uri: named, label: 'x', score: 0.8, text }]),
      occupations: async (texts: readonly string[]) => texts.map(() => [{ uri: a!, label: 'x', score: 0.9 }]),
    };
    const result = await analyzeSupplyDemand({ ...context, linker }, {
      supply: [{ skills: esco.essential.get(a!)!.slice(0, 1), weight: 5, region: 'Lombardia' }],
      demand: [{ occupation: b!, weight: 2 }, { text: 'Baker, with "sourdough" experience', weight: 7, region: 'Lombardia' }],
      byRegion: true,
    });
    const rows = parseCsv(toCsv(supplyDemandTable(result)));
    expect(Object.keys(rows[0]!)).toEqual(['region', 'concept', 'concept_url', 'supply', 'demand', 'gap', 'share_met']);
    const total = (uri: string, column: 'supply' | 'demand') => rows.filter((r) => r.concept_url === uri).reduce((sum, r) => sum + Number(r[column]), 0);
    for (const row of result.rows) expect([total(row.concept.uri, 'supply'), total(row.concept.uri, 'demand')]).toEqual([row.supply, row.demand]);
    expect(rows.find((r) => r.region === 'Lombardia' && r.concept_url === named)?.demand).toBe('7');

    const links = parseCsv(toCsv(jobAdLinksTable(result.jobAds, [{}, { title: 'Baker' }])));
    expect(links).toEqual([{
      title: 'Baker', text: 'Baker, with "sourdough" experience', occupation_uri: a,
      occupation_label: esco.occupations.find((o) => o.conceptUri === a)!.preferredLabel, score: '0.9', skill_uris: named,
    }]);
  });
});
