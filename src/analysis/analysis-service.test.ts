import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EscoRelations, escoRelations, nearestGroups } from '../../test/analysis-oracle.js';
import { realStore } from '../../test/real-store.js';
import { importEsco } from '../ingest/import.js';
import {
  type AnalysisContext, AnalysisInputError, NotFoundError, analyzeOccupationMatches, analyzeSkillsDistribution,
  analyzeSkillsGap, analyzeSupplyDemand,
} from './index.js';
import { LinkingService, createEmbedder } from '../linking/index.js';
import { QualificationRepository } from '../qualifications/index.js';
import { skillLinkerOf } from './skill-linker.js';

let esco: EscoRelations;
let context: AnalysisContext;

/** Occupations of the CSV (defined ones), in URI order, with their essential skills. */
const occupationsWith = (minEssential: number, iscoPrefix = '') =>
  esco.occupations
    .filter((o) => o.iscoGroup!.startsWith(iscoPrefix) && (esco.essential.get(o.conceptUri!)?.length ?? 0) >= minEssential)
    .map((o) => o.conceptUri!)
    .sort();

const TOKEN = 'analysis-test-token';
const dataDir = mkdtempSync(join(tmpdir(), 'escograph-analysis-'));
let repository: QualificationRepository;

beforeAll(async () => {
  esco = escoRelations();
  context = { store: await realStore() };
  repository = await QualificationRepository.open({ store: context.store, dataDir, writeToken: TOKEN });
});

afterAll(() => {
  repository.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('skillsGap on ESCO v1.1.1', () => {
  it('gives 100% essential coverage for exactly the essential skills of an occupation', async () => {
    const [occupation] = occupationsWith(5, '2512');
    const essential = esco.essential.get(occupation!)!;
    const gap = await analyzeSkillsGap(context, { occupation: occupation!, from: { skills: essential } });
    expect(gap.essential.coverage).toBe(1);
    expect(gap.essential.total).toBe(new Set(essential).size);
    expect(gap.essential.missing).toEqual([]);
    expect(gap.extra).toEqual([]);
    expect(new Set(gap.essential.covered.map((s) => s.uri))).toEqual(new Set(essential));
    expect(gap.essential.covered.every((s) => s.label === esco.skillLabels.get(s.uri))).toBe(true);
    expect(gap.optional.total).toBe(esco.optional.get(occupation!)?.length ?? 0);
  });

  it('reports exactly the three removed essential skills as missing, essential ones ranked first', async () => {
    const [occupation] = occupationsWith(8, '25');
    const essential = esco.essential.get(occupation!)!;
    const removed = essential.slice(-3);
    const gap = await analyzeSkillsGap(context, { occupation: occupation!, from: { skills: essential.slice(0, -3) } });
    expect(new Set(gap.essential.missing.map((s) => s.uri))).toEqual(new Set(removed));
    expect(gap.essential.coverage).toBeCloseTo((essential.length - 3) / essential.length);
    expect(gap.missing.slice(0, 3).map((s) => s.essential)).toEqual([true, true, true]);
    expect(gap.missing.slice(3).every((s) => !s.essential)).toBe(true);
    const optionalMissing = gap.missing.slice(3).map((s) => s.relatedOccupations);
    expect(optionalMissing).toEqual([...optionalMissing].sort((a, b) => b - a));
  });

  /**
   * A skill-to-skill broader pair of the CSV and an occupation that needs `needed` (one end of the pair) as
   * essential and lists neither the other end nor anything else the input holds.
   */
  function hierarchyCase(neededEnd: 'broader' | 'narrower') {
    for (const [narrower, broaders] of [...esco.broaderSkills].sort(([a], [b]) => a.localeCompare(b))) {
      for (const broader of broaders) {
        const [needed, held] = neededEnd === 'broader' ? [broader, narrower] : [narrower, broader];
        const occupation = occupationsWith(1).find((o) => {
          const listed = [...esco.essential.get(o)!, ...(esco.optional.get(o) ?? [])];
          return esco.essential.get(o)!.includes(needed) && !listed.includes(held);
        });
        if (occupation) return { occupation, needed, held };
      }
    }
    throw new Error(`no ${neededEnd} case in the CSVs`);
  }

  it('reports a skill covered only by its narrower skill as partial', async () => {
    const { occupation, needed, held } = hierarchyCase('broader');
    const gap = await analyzeSkillsGap(context, { occupation, from: { skills: [held] } });
    const entry = gap.essential.missing.find((s) => s.uri === needed)!;
    expect(entry.status).toBe('PARTIAL');
    expect(entry.partial).toEqual({ relation: 'NARROWER', via: { uri: held, label: esco.skillLabels.get(held) } });
    expect(gap.essential.covered.map((s) => s.uri)).not.toContain(needed);
    expect(gap.essential.partialCount).toBeGreaterThanOrEqual(1);
    expect(gap.extra.map((s) => s.uri)).toEqual([held]);
  });

  it('reports a skill covered only by its broader skill as partial', async () => {
    const { occupation, needed, held } = hierarchyCase('narrower');
    const gap = await analyzeSkillsGap(context, { occupation, from: { skills: [held] } });
    expect(gap.essential.missing.find((s) => s.uri === needed)?.partial?.relation).toBe('BROADER');
  });

  it('links a text first (lexical backend) and returns the links it used', async () => {
    const [occupation] = occupationsWith(4, '2512');
    const wanted = esco.essential.get(occupation!)!.slice(0, 2);
    const embedder = await createEmbedder('none', { model: 'unused', dataDir });
    const linker = skillLinkerOf(new LinkingService({ store: context.store, embedder }));
    const text = wanted.map((uri) => `- ${esco.skillLabels.get(uri)}`).join('\n');
    const gap = await analyzeSkillsGap({ ...context, linker }, { occupation: occupation!, from: { text } });
    const links = gap.input.links!;
    expect(links.length).toBeGreaterThan(0);
    expect(links.map((l) => l.uri)).toEqual(expect.arrayContaining(wanted));
    expect(links.every((l) => l.label === esco.skillLabels.get(l.uri))).toBe(true);
    expect(gap.input.skillCount).toBe(new Set(links.map((l) => l.uri)).size);
    expect(gap.essential.covered.map((s) => s.uri)).toEqual(expect.arrayContaining(wanted));
  });

  it('refuses malformed and unknown URIs with clear errors', async () => {
    const [occupation] = occupationsWith(1);
    await expect(analyzeSkillsGap(context, { occupation: 'not a uri', from: { skills: [] } })).rejects.toThrow(AnalysisInputError);
    await expect(analyzeSkillsGap(context, { occupation: 'http://data.europa.eu/esco/occupation/nope', from: { skills: [] } }))
      .rejects.toThrow(/no occupation http:\/\/data.europa.eu\/esco\/occupation\/nope in ESCO v1.1.1/);
    await expect(analyzeSkillsGap(context, { occupation: occupation!, from: { skills: ['http://data.europa.eu/esco/skill/nope'] } }))
      .rejects.toThrow(NotFoundError);
    await expect(analyzeSkillsGap(context, { occupation: occupation!, from: { skills: [], text: 'x' } })).rejects.toThrow(/exactly one/);
    await expect(analyzeSkillsGap(context, { occupation: occupation!, from: { text: '  ' } })).rejects.toThrow(/empty/);
    await expect(analyzeSkillsGap(context, { occupation: occupation!, from: { skills: [] }, version: 'v9' })).rejects.toThrow(/unknown ESCO version/);
    const tooMany = Array.from({ length: 1001 }, (_, i) => `http://example.org/${i}`);
    await expect(analyzeSkillsGap(context, { occupation: occupation!, from: { skills: tooMany } })).rejects.toThrow(/too many skills/);
  });
});

describe('occupationMatches on ESCO v1.1.1', () => {
  it('ranks an occupation first for exactly its essential skills (a sample of occupations)', async () => {
    const all = occupationsWith(1);
    const sample = all.filter((_, i) => i % 150 === 0);
    for (const occupation of sample) {
      const result = await analyzeOccupationMatches(context, { from: { skills: esco.essential.get(occupation)! }, first: 3 });
      expect(result.totalCount).toBe(esco.occupations.length);
      const [top] = result.matches;
      expect(top!.occupation.uri, occupation).toBe(occupation);
      expect(top!.essential).toMatchObject({ coverage: 1, missing: 0, covered: new Set(esco.essential.get(occupation)).size });
    }
  });

  it('filters by ISCO group and bounds the page size', async () => {
    const [occupation] = occupationsWith(3, '2512');
    const result = await analyzeOccupationMatches(context, {
      from: { skills: esco.essential.get(occupation!)! },
      first: 100,
      filter: { iscoGroup: 'http://data.europa.eu/esco/isco/C25' },
    });
    expect(result.totalCount).toBe(esco.occupations.filter((o) => o.iscoGroup!.startsWith('25')).length);
    expect(result.matches.every((m) => m.occupation.iscoCode.startsWith('25'))).toBe(true);
    await expect(analyzeOccupationMatches(context, { from: { skills: [] }, first: 101 })).rejects.toThrow(/first must be/);
    await expect(analyzeOccupationMatches(context, { from: { skills: [] }, filter: { iscoGroup: 'C2x' } })).rejects.toThrow(/ISCO group/);
  });
});

describe('supplyDemand on ESCO v1.1.1', () => {
  it('recomputes from the CSVs: two qualifications as supply, five ICT occupations with vacancies as demand', async () => {
    const ict = occupationsWith(5, '25').slice(0, 5);
    const vacancies = [120, 80, 60, 40, 20];
    const programme = (title: string, outcomes: string[][]) =>
      repository.create({ title, learningOutcomes: outcomes.map((skills, i) => ({ text: `outcome ${i + 1}`, acceptedSkills: skills })) }, TOKEN);
    const qualifications = [
      await programme('BSc computing', [esco.essential.get(ict[0]!)!.slice(0, 6), esco.essential.get(ict[1]!)!.slice(0, 4)]),
      await programme('VET ICT technician', [esco.essential.get(ict[2]!)!.slice(0, 5), (esco.optional.get(ict[3]!) ?? []).slice(0, 5)]),
    ];
    const graduates = [300, 150];
    const withQualifications: AnalysisContext = { ...context, qualifications: repository };
    const supply = qualifications.map((q, i) => ({ qualification: q.id, weight: graduates[i] }));
    const demand = ict.map((occupation, i) => ({ occupation, weight: vacancies[i] }));

    const expected = new Map<string, { supply: number; demand: number }>();
    const add = (key: string, side: 'supply' | 'demand', weight: number) => {
      const row = expected.get(key) ?? { supply: 0, demand: 0 };
      row[side] += weight;
      expected.set(key, row);
    };
    const supplySkills = qualifications.map((q) => new Set(q.learningOutcomes.flatMap((o) => o.acceptedSkills)));
    const demandSkills = ict.map((o) => new Set(esco.essential.get(o)!));
    supplySkills.forEach((skills, i) => skills.forEach((s) => add(s, 'supply', graduates[i]!)));
    demandSkills.forEach((skills, i) => skills.forEach((s) => add(s, 'demand', vacancies[i]!)));

    const result = await analyzeSupplyDemand(withQualifications, { supply, demand, groupBy: 'SKILL' });
    expect(result.totalSupply).toBe(450);
    expect(result.totalDemand).toBe(320);
    expect(result.rows).toHaveLength(expected.size);
    for (const row of result.rows) {
      const want = expected.get(row.concept.uri)!;
      expect(row, row.concept.uri).toMatchObject({ supply: want.supply, demand: want.demand, gap: want.demand - want.supply });
      expect(row.shareMet).toBe(want.demand ? Math.min(want.supply, want.demand) / want.demand : null);
      expect(row.concept.label).toBe(esco.skillLabels.get(row.concept.uri));
    }
    const gaps = result.rows.map((r) => r.gap);
    expect(gaps).toEqual([...gaps].sort((a, b) => b - a));

    // By skill group: an entry counts once per group it touches.
    const groups = new Map<string, { supply: number; demand: number }>();
    const addGroups = (skills: Set<string>, side: 'supply' | 'demand', weight: number) => {
      for (const group of new Set([...skills].flatMap((s) => nearestGroups(esco, s)))) {
        const row = groups.get(group) ?? { supply: 0, demand: 0 };
        row[side] += weight;
        groups.set(group, row);
      }
    };
    supplySkills.forEach((skills, i) => addGroups(skills, 'supply', graduates[i]!));
    demandSkills.forEach((skills, i) => addGroups(skills, 'demand', vacancies[i]!));
    const byGroup = await analyzeSupplyDemand(withQualifications, { supply, demand, groupBy: 'SKILL_GROUP' });
    expect(new Map(byGroup.rows.map((r) => [r.concept.uri, { supply: r.supply, demand: r.demand }]))).toEqual(groups);
  });

  it('refuses negative or fractional weights and unknown occupations', async () => {
    const [occupation] = occupationsWith(1);
    await expect(analyzeSupplyDemand(context, { supply: [], demand: [{ occupation: occupation!, weight: -1 }] })).rejects.toThrow(/whole count/);
    await expect(analyzeSupplyDemand(context, { supply: [{ skills: [], weight: 1.5 }], demand: [] })).rejects.toThrow(/whole count/);
    await expect(analyzeSupplyDemand(context, { supply: [], demand: [{ occupation: 'http://example.org/x' }] })).rejects.toThrow(NotFoundError);
    await expect(analyzeSupplyDemand(context, { supply: [{ qualification: 'q1' }], demand: [] })).rejects.toThrow(/not available/);
  });
});

describe('skillsDistribution on ESCO v1.1.1', () => {
  it('counts the profiles holding each skill, once per profile', async () => {
    const [a, b] = occupationsWith(4, '2512');
    const profiles = [
      { id: 'p1', skills: esco.essential.get(a!)! },
      { id: 'p2', skills: esco.essential.get(b!)! },
      { id: 'p3', skills: [...esco.essential.get(a!)!.slice(0, 2), esco.essential.get(a!)![0]!] },
    ];
    const expected = new Map<string, number>();
    for (const p of profiles) for (const s of new Set(p.skills)) expected.set(s, (expected.get(s) ?? 0) + 1);
    const result = await analyzeSkillsDistribution(context, { profiles });
    expect(new Map(result.rows.map((r) => [r.skill.uri, r.users]))).toEqual(expected);
    expect(result.rows[0]!.users).toBe(Math.max(...expected.values()));
    await expect(analyzeSkillsDistribution(context, { profiles: [profiles[0]!, profiles[0]!] })).rejects.toThrow(/appears twice/);
  });
});

describe('versions and languages', () => {
  it('answers per version and per language, falling back to English labels', async () => {
    const fixture = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'analysis-mini.ttl');
    const store = (await importEsco({ paths: [fixture], version: 'v0.0.1-mini', into: await realStore(), defaultVersion: 'v1.1.1' })).store;
    const mini = { store };
    const baker = 'http://data.europa.eu/esco/occupation/mini-baker';
    const gap = await analyzeSkillsGap(mini, {
      occupation: baker,
      from: { skills: ['http://data.europa.eu/esco/skill/mini-bake-bread'] },
      version: 'v0.0.1-mini',
      language: 'fr',
    });
    expect(gap.version).toBe('v0.0.1-mini');
    expect(gap.occupation.label).toBe('boulanger');
    expect(gap.missing.map((s) => [s.label, s.status, s.partial?.relation])).toEqual([
      ['cuire des produits', 'PARTIAL', 'NARROWER'],
      ['knead dough', 'PARTIAL', 'SAME_GROUP'],
    ]);
    await expect(analyzeSkillsGap(mini, { occupation: baker, from: { skills: [] } })).rejects.toThrow(/no occupation .*mini-baker in ESCO v1.1.1/);
    const [real] = occupationsWith(1);
    await expect(analyzeSkillsGap(mini, { occupation: real!, from: { skills: [] }, version: 'v0.0.1-mini' })).rejects.toThrow(NotFoundError);
    await expect(analyzeSkillsGap(mini, { occupation: baker, from: { skills: [] }, version: 'v0.0.1-mini', language: 'fr; drop' }))
      .rejects.toThrow(/malformed language tag/);
  });
});
