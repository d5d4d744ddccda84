import { beforeAll, describe, expect, test } from 'vitest';
import { readEscoCsv } from '../../../test/csv-oracle.js';
import { type GraphQLResult, runQuery } from '../../../test/graphql-client.js';
import { ESCO_V111 } from '../../../test/shared-data.js';
import { cursorAt } from '../pagination.js';

/** Every answer here is compared with the official v1.1.1 CSVs, read independently by the test. */

type Column =
  | 'conceptUri' | 'preferredLabel' | 'altLabels' | 'hiddenLabels' | 'description' | 'status' | 'code' | 'iscoGroup'
  | 'regulatedProfessionNote' | 'skillType' | 'reuseLevel' | 'occupationUri' | 'skillUri' | 'relationType'
  | 'originalSkillUri' | 'relatedSkillUri' | 'broaderUri';
type Rows = Record<Column, string>[];
const csv = (file: string) => readEscoCsv(ESCO_V111(), file) as Rows;
let occupations: Rows;
let skills: Rows;
let occupationSkills: Rows;
let skillSkills: Rows;
let occupationHierarchy: Rows;

const lines = (cell: string | undefined) => (cell ?? '').split('\n').map((s) => s.trim()).filter(Boolean).sort();
const sorted = (values: string[]) => [...values].sort();
const SKILL_TYPE: Record<string, string> = { knowledge: 'KNOWLEDGE', 'skill/competence': 'SKILL_COMPETENCE' };
/** A spread of real rows: every n-th one, so the sample covers the whole file without being hand-picked. */
const sample = (rows: Rows, count: number) => rows.filter((_, i) => i % Math.floor(rows.length / count) === 0).slice(0, count);

beforeAll(() => {
  occupations = csv('occupations_en.csv');
  skills = csv('skills_en.csv');
  occupationSkills = csv('occupationSkillRelations.csv');
  skillSkills = csv('skillSkillRelations.csv');
  occupationHierarchy = csv('broaderRelationsOccPillar.csv');
});

const OCCUPATION = `query ($uri: ID!) {
  occupation(uri: $uri) {
    uri type code preferredLabel altLabels hiddenLabels description regulatedProfessionNote status
    iscoGroup { code }
    essentialSkills { uri }
    optionalSkills { uri }
    broader { uri }
    narrower { uri }
  }
}`;

describe('occupations match occupations_en.csv and occupationSkillRelations.csv', () => {
  test('labels, code, ISCO group, essential and optional skills, broader and narrower of sampled occupations', async () => {
    for (const row of sample(occupations, 12)) {
      const { data, errors } = await runQuery(OCCUPATION, { uri: row.conceptUri });
      expect(errors).toBeUndefined();
      const occupation = data!.occupation;
      const relations = occupationSkills.filter((r) => r.occupationUri === row.conceptUri);
      expect(occupation).toMatchObject({
        uri: row.conceptUri,
        type: 'OCCUPATION',
        code: row.code,
        preferredLabel: row.preferredLabel,
        // The importer trims notes; the CSV keeps trailing spaces.
        description: row.description.trim(),
        regulatedProfessionNote: row.regulatedProfessionNote || null,
        status: row.status,
        iscoGroup: { code: row.iscoGroup },
      });
      expect(sorted(occupation.altLabels)).toEqual(lines(row.altLabels));
      expect(sorted(occupation.hiddenLabels)).toEqual(lines(row.hiddenLabels));
      expect(occupation.essentialSkills.map((s: { uri: string }) => s.uri))
        .toEqual(sorted(relations.filter((r) => r.relationType === 'essential').map((r) => r.skillUri)));
      expect(occupation.optionalSkills.map((s: { uri: string }) => s.uri))
        .toEqual(sorted(relations.filter((r) => r.relationType === 'optional').map((r) => r.skillUri)));
      expect(occupation.broader.map((c: { uri: string }) => c.uri))
        .toEqual(sorted(occupationHierarchy.filter((r) => r.conceptUri === row.conceptUri).map((r) => r.broaderUri)));
      expect(occupation.narrower.map((c: { uri: string }) => c.uri))
        .toEqual(sorted(occupationHierarchy.filter((r) => r.broaderUri === row.conceptUri).map((r) => r.conceptUri)));
    }
  });

  test('ancestors run from the occupation up to the ISCO major group', async () => {
    const row = occupations.find((r) => r.preferredLabel === 'software developer')!;
    const { data } = await runQuery(`query ($uri: ID!) { occupation(uri: $uri) { ancestors { uri ... on IscoGroup { code } } } }`, { uri: row.conceptUri });
    const codes = data!.occupation.ancestors.map((a: { code?: string }) => a.code).filter(Boolean);
    expect(codes).toEqual([4, 3, 2, 1].map((n) => row.iscoGroup.slice(0, n)));
  });
});

describe('skills match skills_en.csv and skillSkillRelations.csv', () => {
  test('skill type, reuse level, labels, essential-for occupations and skill–skill relations of sampled skills', async () => {
    const query = `query ($uri: ID!) { skill(uri: $uri) {
      preferredLabel altLabels description skillType reuseLevel
      essentialForOccupations(first: 100) { uri }
      essentialSkills { uri } optionalSkills { uri }
    } }`;
    for (const row of sample(skills, 12)) {
      const { data, errors } = await runQuery(query, { uri: row.conceptUri });
      expect(errors).toBeUndefined();
      const skill = data!.skill;
      expect(skill).toMatchObject({
        preferredLabel: row.preferredLabel,
        description: row.description.trim(),
        skillType: SKILL_TYPE[row.skillType] ?? null,
        reuseLevel: row.reuseLevel ? row.reuseLevel.toUpperCase().replace(/-/g, '_') : null,
      });
      expect(sorted(skill.altLabels)).toEqual(lines(row.altLabels));
      const essentialFor = occupationSkills
        .filter((r) => r.skillUri === row.conceptUri && r.relationType === 'essential')
        .map((r) => r.occupationUri)
        .filter((uri) => occupations.some((o) => o.conceptUri === uri));
      expect(skill.essentialForOccupations.map((o: { uri: string }) => o.uri)).toEqual(sorted(essentialFor).slice(0, 100));
      const related = skillSkills.filter((r) => r.originalSkillUri === row.conceptUri);
      expect(skill.essentialSkills.map((s: { uri: string }) => s.uri))
        .toEqual(sorted(related.filter((r) => r.relationType === 'essential').map((r) => r.relatedSkillUri)));
      expect(skill.optionalSkills.map((s: { uri: string }) => s.uri))
        .toEqual(sorted(related.filter((r) => r.relationType === 'optional').map((r) => r.relatedSkillUri)));
    }
  });

  test('the skills connection counts and pages as the CSV lists them', async () => {
    const knowledge = skills.filter((r) => r.skillType === 'knowledge' && r.reuseLevel === 'cross-sector');
    const page = `query ($after: String) { skills(filter: { skillType: KNOWLEDGE, reuseLevel: CROSS_SECTOR }, first: 100, after: $after) {
      totalCount nodes { uri } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { data, errors }: GraphQLResult = await runQuery(page, { after });
      expect(errors).toBeUndefined();
      expect(data!.skills.totalCount).toBe(knowledge.length);
      seen.push(...data!.skills.nodes.map((n: { uri: string }) => n.uri));
      if (!data!.skills.pageInfo.hasNextPage) break;
      after = data!.skills.pageInfo.endCursor;
    }
    expect(seen).toEqual(sorted(knowledge.map((r) => r.conceptUri)));
  });

  test('the digital collection has the members of digitalSkillsCollection_en.csv', async () => {
    const digital = csv('digitalSkillsCollection_en.csv');
    const { data } = await runQuery(`{ skills(filter: { collection: DIGITAL }) { totalCount }
      collections { name memberCount } }`);
    expect(data!.skills.totalCount).toBe(digital.length);
    expect(data!.collections).toContainEqual({ name: 'DIGITAL', memberCount: digital.length });
  });
});

describe('other lookups', () => {
  test('iscoGroup(code) finds the group of ISCOGroups_en.csv with its occupations', async () => {
    const group = csv('ISCOGroups_en.csv').find((r) => r.code === '2512')!;
    const { data } = await runQuery(`{ iscoGroup(code: "2512") { uri preferredLabel occupations(first: 100) { uri } } }`);
    expect(data!.iscoGroup.uri).toBe(group.conceptUri);
    expect(data!.iscoGroup.preferredLabel).toBe(group.preferredLabel);
    expect(data!.iscoGroup.occupations.map((o: { uri: string }) => o.uri))
      .toEqual(sorted(occupations.filter((o) => o.iscoGroup === '2512').map((o) => o.conceptUri)));
  });

  test('search ranks the occupation named exactly first, also with typos; suggest completes prefixes', async () => {
    const developer = occupations.find((r) => r.preferredLabel === 'software developer')!;
    const { data } = await runQuery(`{
      exact: search(text: "software developer", types: [OCCUPATION], first: 3) { totalCount nodes { matchedLabel matchedLabelKind concept { uri } } }
      typo: search(text: "sofware develper", first: 5) { nodes { concept { uri } } }
      suggest(prefix: "softw develo", types: [OCCUPATION]) { label concept { uri } }
    }`);
    expect(data!.exact.nodes[0]).toEqual({ matchedLabel: 'software developer', matchedLabelKind: 'PREFERRED', concept: { uri: developer.conceptUri } });
    expect(data!.typo.nodes.map((n: { concept: { uri: string } }) => n.concept.uri)).toContain(developer.conceptUri);
    expect(data!.suggest.map((s: { concept: { uri: string } }) => s.concept.uri)).toContain(developer.conceptUri);
  });

  test('search pages reach the best 1,000 hits while totalCount counts them all', async () => {
    const query = `query ($after: String) { search(text: "manage develop", types: [SKILL], first: 100, after: $after) {
      totalCount nodes { concept { uri } } pageInfo { hasNextPage } } }`;
    const last = await runQuery(query, { after: cursorAt(949) });
    expect(last.errors).toBeUndefined();
    expect(last.data!.search.totalCount).toBeGreaterThan(1000);
    expect(last.data!.search.nodes).toHaveLength(50);
    expect(last.data!.search.pageInfo.hasNextPage).toBe(false);
    const past = await runQuery(query, { after: cursorAt(999) });
    expect(past.data!.search).toMatchObject({ nodes: [], pageInfo: { hasNextPage: false } });
  });

  test('relatedOccupations counts the essential skills shared, as the CSV relations say', async () => {
    const developer = occupations.find((r) => r.preferredLabel === 'software developer')!;
    const essential = (uri: string) =>
      new Set(occupationSkills.filter((r) => r.occupationUri === uri && r.relationType === 'essential').map((r) => r.skillUri));
    const { data } = await runQuery(`query ($uri: ID!) { relatedOccupations(uri: $uri, first: 5) { sharedEssentialSkills occupation { uri } } }`,
      { uri: developer.conceptUri });
    const own = essential(developer.conceptUri);
    for (const related of data!.relatedOccupations) {
      const shared = [...essential(related.occupation.uri)].filter((uri) => own.has(uri)).length;
      expect(related.sharedEssentialSkills).toBe(shared);
    }
    expect(data!.relatedOccupations).toHaveLength(5);
  });

  test('concepts(uris) answers in order with null for unknown concepts; versions lists v1.1.1 as default', async () => {
    const [a, b] = [occupations[0]!.conceptUri, skills[0]!.conceptUri];
    const { data } = await runQuery(`query ($uris: [ID!]!) { concepts(uris: $uris) { uri type } versions { version isDefault occupations } }`,
      { uris: [a, 'http://data.europa.eu/esco/skill/no-such-skill', b] });
    expect(data!.concepts).toEqual([{ uri: a, type: 'OCCUPATION' }, null, { uri: b, type: 'SKILL' }]);
    expect(data!.versions).toEqual([{ version: 'v1.1.1', isDefault: true, occupations: occupations.length }]);
  });
});
