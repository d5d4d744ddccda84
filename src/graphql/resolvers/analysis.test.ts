import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EscoRelations, escoRelations } from '../../../test/analysis-oracle.js';
import { realStore } from '../../../test/real-store.js';
import { LinkingService } from '../../linking/index.js';
import { QualificationRepository } from '../../qualifications/index.js';
import { createGraphQLServer, type EscoGraphQL } from '../graphql-server.js';

const TOKEN = 'analysis-graphql-token';
let server: EscoGraphQL;
let qualifications: QualificationRepository;
let esco: EscoRelations;

beforeAll(async () => {
  esco = escoRelations();
  const store = await realStore();
  const linking = new LinkingService({ store, embedder: { requested: 'none', used: 'none' } });
  qualifications = await QualificationRepository.open({ store, dataDir: mkdtempSync(join(tmpdir(), 'escograph-gql-analysis-')), writeToken: TOKEN });
  server = createGraphQLServer({ store, services: { linking, qualifications }, writeToken: TOKEN });
});

async function run(query: string, variables: Record<string, unknown> = {}) {
  const response = await server.apollo.executeOperation({ query, variables }, { contextValue: server.contextFor({}) });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as { data?: Record<string, any>; errors?: { message: string; extensions?: { code?: string } }[] };
}

const occupationWith = (min: number) =>
  esco.occupations.map((o) => o.conceptUri!).filter((o) => (esco.essential.get(o)?.length ?? 0) >= min).sort()[0]!;

const GAP = `query ($occupation: ID!, $from: SkillSourceInput!) {
  skillsGap(occupation: $occupation, from: $from) {
    version occupation { uri label iscoCode }
    essential { total coverage covered { uri } missing { uri status } }
    missing { uri essential status partial { relation via { uri label } } relatedOccupations }
    extra { uri }
    input { skillCount qualification { id title skills { uri } } links { uri label } }
  }
}`;

describe('analysis over GraphQL (ESCO v1.1.1)', () => {
  it('answers skillsGap and occupationMatches as the analysis functions compute them', async () => {
    const occupation = occupationWith(5);
    const essential = esco.essential.get(occupation)!;
    const gap = await run(GAP, { occupation, from: { skills: essential.slice(3) } });
    expect(gap.errors).toBeUndefined();
    const result = gap.data!.skillsGap;
    expect(result.version).toBe('v1.1.1');
    expect(result.occupation.label).toBe(esco.occupations.find((o) => o.conceptUri === occupation)!.preferredLabel);
    expect(new Set(result.essential.missing.map((s: any) => s.uri))).toEqual(new Set(essential.slice(0, 3)));
    expect(result.input.skillCount).toBe(new Set(essential.slice(3)).size);

    const matches = await run(`query ($skills: [ID!]!) {
      occupationMatches(from: { skills: $skills }, first: 2) { totalCount matches { occupation { uri } essential { coverage missing } } }
    }`, { skills: essential });
    expect(matches.errors).toBeUndefined();
    expect(matches.data!.occupationMatches.totalCount).toBe(esco.occupations.length);
    expect(matches.data!.occupationMatches.matches[0]).toEqual({ occupation: { uri: occupation }, essential: { coverage: 1, missing: 0 } });
  });

  it('takes a stored qualification as input and returns it as a Qualification', async () => {
    const occupation = occupationWith(4);
    const skills = esco.essential.get(occupation)!.slice(0, 2);
    const q = await qualifications.create({ title: 'Short course', learningOutcomes: [{ text: 'does things', acceptedSkills: skills }] }, TOKEN);
    const gap = await run(GAP, { occupation, from: { qualification: q.id } });
    expect(gap.errors).toBeUndefined();
    expect(gap.data!.skillsGap.input.qualification.title).toBe('Short course');
    expect(gap.data!.skillsGap.input.qualification.skills.map((s: any) => s.uri).sort()).toEqual([...skills].sort());
    expect(gap.data!.skillsGap.essential.covered.map((s: any) => s.uri).sort()).toEqual([...skills].sort());
  });

  it('pages supplyDemand and skillsDistribution rows', async () => {
    const occupation = occupationWith(6);
    const essential = esco.essential.get(occupation)!;
    const result = await run(`query ($occupation: ID!, $skills: [ID!]!) {
      supplyDemand(supply: [{ skills: $skills, weight: 10 }], demand: [{ occupation: $occupation, weight: 25 }]) {
        totalSupply totalDemand rowCount rows(first: 2, offset: 1) { concept { uri } supply demand gap shareMet }
      }
      skillsDistribution(profiles: [{ id: "a", skills: $skills }, { id: "b", skills: [] }]) { profiles rowCount rows(first: 1) { users } }
    }`, { occupation, skills: essential.slice(0, 2) });
    expect(result.errors).toBeUndefined();
    const { supplyDemand, skillsDistribution } = result.data!;
    expect(supplyDemand).toMatchObject({ totalSupply: 10, totalDemand: 25, rowCount: new Set(essential).size });
    expect(supplyDemand.rows).toHaveLength(2);
    expect(supplyDemand.rows.every((r: any) => r.gap === r.demand - r.supply)).toBe(true);
    expect(skillsDistribution).toEqual({ profiles: 2, rowCount: new Set(essential.slice(0, 2)).size, rows: [{ users: 1 }] });
  });

  it('answers malformed input as BAD_USER_INPUT and unknown concepts as NOT_FOUND, naming them', async () => {
    const malformed = await run(GAP, { occupation: 'not a uri', from: { skills: [] } });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await run(GAP, { occupation: 'http://data.europa.eu/esco/occupation/none', from: { skills: [] } });
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' }, message: expect.stringMatching(/occupation\/none in ESCO v1.1.1/) });
    const both = await run(GAP, { occupation: occupationWith(1), from: { skills: [], text: 'cook' } });
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const version = await run('{ occupationMatches(from: { skills: [] }, version: "v0") { totalCount } }');
    expect(version.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const first = await run('{ occupationMatches(from: { skills: [] }, first: 500) { totalCount } }');
    expect(first.errors?.[0]?.message).toMatch(/first must be/);
  });

  it('links job ads for review and counts text demand per region as the corrected { occupation, skills } form', async () => {
    const ads = [
      'Nurse\nCare for patients on a surgical ward, administer medication and keep patient records.',
      'Data analyst\nAnalyse large data sets and build dashboards with statistics and Python.',
    ];
    const linked = await run(`query ($ads: [String!]!) {
      linkJobAds(ads: $ads, first: 3) { entry text occupation { uri label score } alternatives { uri score } skills { uri label score text } ignored }
    }`, { ads });
    expect(linked.errors).toBeUndefined();
    const links = linked.data!.linkJobAds;
    expect(links.map((l: any) => [l.entry, l.text, l.alternatives.length])).toEqual([[0, ads[0], 2], [1, ads[1], 2]]);

    const SUPPLY_DEMAND = `query ($supply: [SupplyInput!]!, $demand: [DemandInput!]!) {
      supplyDemand(supply: $supply, demand: $demand, byRegion: true) {
        totalSupply totalDemand rowCount rows(first: 100) { concept { uri } supply demand }
        regions { region totalSupply totalDemand rowCount rows(first: 100) { concept { uri } supply demand } }
        jobAds { entry occupation { uri } skills { uri } }
      }
    }`;
    const supply = [{ text: 'Administer medication to patients.', weight: 20, region: 'Emilia-Romagna' }, { skills: [], weight: 5 }];
    const asText = await run(SUPPLY_DEMAND, {
      supply, demand: ads.map((text, i) => ({ text, weight: 10 * (i + 1), region: i === 0 ? 'Emilia-Romagna' : 'Lombardia' })),
    });
    expect(asText.errors?.[0]?.message).toBeUndefined();
    const answer = asText.data!.supplyDemand;
    expect(answer.jobAds).toEqual(links.map((l: any) => ({ entry: l.entry, occupation: { uri: l.occupation.uri }, skills: l.skills.map((s: any) => ({ uri: s.uri })) })));
    expect(answer.regions.map((r: any) => [r.region, r.totalSupply, r.totalDemand])).toEqual([['Emilia-Romagna', 20, 10], ['Lombardia', 0, 20], [null, 5, 0]]);
    expect(answer).toMatchObject({ totalSupply: 25, totalDemand: 30 });
    expect(answer.rowCount).toBeLessThan(100);

    const corrected = await run(SUPPLY_DEMAND, {
      supply,
      demand: links.map((l: any, i: number) => ({
        occupation: l.occupation.uri, skills: l.skills.map((s: any) => s.uri), weight: 10 * (i + 1), region: i === 0 ? 'Emilia-Romagna' : 'Lombardia',
      })),
    });
    expect(corrected.errors).toBeUndefined();
    expect({ ...corrected.data!.supplyDemand, jobAds: [] }).toEqual({ ...answer, jobAds: [] });

    const both = await run(SUPPLY_DEMAND, { supply: [], demand: [{ occupation: links[0].occupation.uri }, { occupation: links[0].occupation.uri, text: 'Nurse' }] });
    expect(both.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('demand[1]: give exactly one of occupation, text') });
  });
});
