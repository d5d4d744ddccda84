import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { readEscoCsv } from '../../../test/csv-oracle.js';
import type { GraphQLResult } from '../../../test/graphql-client.js';
import { ESCO_V111, ESCO_V111_FR } from '../../../test/shared-data.js';
import { importEsco } from '../../ingest/import.js';
import { type EscoGraphQL, createGraphQLServer } from '../index.js';

/**
 * Languages flowing down the query, on real v1.1.1 with its French CSVs imported alongside the English ones.
 * The French download has occupations, ISCO groups and skill groups but no skills file, so French answers for
 * occupations and groups and English ones for skills (the fallback) are both checked, against the CSV rows.
 */

type Rows = Record<string, string>[];
const frenchCsv = (file: string) => parse(readFileSync(join(ESCO_V111_FR(), file)), { columns: true, bom: true }) as Rows;
/** Labels by concept, trimmed as the importer trims them. */
const labelsOf = (rows: Rows) => new Map(rows.map((row) => [row.conceptUri!, row.preferredLabel!.trim()]));

let graphql: EscoGraphQL;
let occupationsFr: Map<string, string>;
let iscoFr: Map<string, string>;
let skillGroupsFr: Map<string, string>;
let occupationsEn: Rows;
let skillsEn: Map<string, string>;
let skillGroupsEn: Map<string, string>;
let essential: Rows;
let skillHierarchy: Rows;

beforeAll(async () => {
  graphql = createGraphQLServer({ store: (await importEsco({ paths: [ESCO_V111(), ESCO_V111_FR()] })).store });
  occupationsFr = labelsOf(frenchCsv('occupations_fr.csv'));
  iscoFr = labelsOf(frenchCsv('ISCOGroups_fr.csv'));
  skillGroupsFr = labelsOf(frenchCsv('skillGroups_fr.csv'));
  occupationsEn = readEscoCsv(ESCO_V111(), 'occupations_en.csv');
  skillsEn = labelsOf(readEscoCsv(ESCO_V111(), 'skills_en.csv'));
  skillGroupsEn = labelsOf(readEscoCsv(ESCO_V111(), 'skillGroups_en.csv'));
  essential = readEscoCsv(ESCO_V111(), 'occupationSkillRelations.csv').filter((r) => r.relationType === 'essential');
  skillHierarchy = readEscoCsv(ESCO_V111(), 'broaderRelationsSkillPillar.csv');
}, 300_000);

async function run(query: string, variables: Record<string, unknown>, acceptLanguage?: string): Promise<GraphQLResult> {
  const response = await graphql.apollo.executeOperation({ query, variables }, { contextValue: graphql.contextFor({ acceptLanguage }) });
  if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
  return response.body.singleResult as GraphQLResult;
}

/** Every n-th occupation of the English CSV, so the sample spans the file. */
const sampledOccupations = (count: number) => occupationsEn.filter((_, i) => i % Math.floor(occupationsEn.length / count) === 0).slice(0, count);

const OCCUPATION = `query ($uri: ID!, $language: String) {
  occupation(uri: $uri, language: $language) {
    preferredLabel
    english: preferredLabel(language: "en")
    iscoGroup { code preferredLabel }
    essentialSkills { uri preferredLabel }
  }
}`;

describe('a language chosen at the top-level field flows down to nested concepts', () => {
  test('occupation(language: "fr"): the occupation and its ISCO group in French, its skills in English (no French skill labels)', async () => {
    for (const row of sampledOccupations(8)) {
      const { data, errors } = await run(OCCUPATION, { uri: row.conceptUri, language: 'fr' });
      expect(errors).toBeUndefined();
      const occupation = data!.occupation;
      expect(occupation.preferredLabel).toBe(occupationsFr.get(row.conceptUri!));
      expect(occupation.english).toBe(row.preferredLabel!.trim());
      expect(occupation.iscoGroup.preferredLabel).toBe(iscoFr.get(`http://data.europa.eu/esco/isco/C${occupation.iscoGroup.code}`));
      const skills = essential.filter((r) => r.occupationUri === row.conceptUri).map((r) => r.skillUri!).sort();
      expect(occupation.essentialSkills).toEqual(skills.map((uri) => ({ uri, preferredLabel: skillsEn.get(uri) })));
    }
  });

  test('skill(language: "fr"): the skill falls back to English, its broader skill groups answer in French', async () => {
    const rows = skillHierarchy.filter((r) => skillsEn.has(r.conceptUri!) && skillGroupsFr.has(r.broaderUri!));
    const sample = rows.filter((_, i) => i % Math.floor(rows.length / 6) === 0).slice(0, 6);
    expect(sample.length).toBe(6);
    for (const row of sample) {
      const { data, errors } = await run(
        `query ($uri: ID!) { skill(uri: $uri, language: "fr") { preferredLabel broader { uri preferredLabel } } }`,
        { uri: row.conceptUri },
      );
      expect(errors).toBeUndefined();
      expect(data!.skill.preferredLabel).toBe(skillsEn.get(row.conceptUri!));
      const broader = skillHierarchy.filter((r) => r.conceptUri === row.conceptUri).map((r) => r.broaderUri!).sort();
      expect(data!.skill.broader).toEqual(broader.map((uri) => ({ uri, preferredLabel: skillGroupsFr.get(uri) ?? skillsEn.get(uri) ?? skillGroupsEn.get(uri) })));
    }
  });

  test('search(language: "fr") searches the French labels and answers in French', async () => {
    const row = sampledOccupations(3)[1]!;
    const label = occupationsFr.get(row.conceptUri!)!;
    const { data, errors } = await run(
      `query ($text: String!) { search(text: $text, language: "fr", types: [OCCUPATION], first: 1) {
        nodes { matchedLabel concept { uri preferredLabel ... on Occupation { iscoGroup { code preferredLabel } } } } } }`,
      { text: label },
    );
    expect(errors).toBeUndefined();
    const [hit] = data!.search.nodes;
    expect(hit.concept.uri).toBe(row.conceptUri);
    expect(hit.concept.preferredLabel).toBe(label);
    expect(hit.concept.iscoGroup.preferredLabel).toBe(iscoFr.get(`http://data.europa.eu/esco/isco/C${hit.concept.iscoGroup.code}`));
  });
});

describe('the request language (Accept-Language) is the default; a field argument wins', () => {
  const row = () => sampledOccupations(5)[2]!;

  test('Accept-Language: fr-CH, fr;q=0.9, en;q=0.8 answers in French', async () => {
    const { data } = await run(OCCUPATION, { uri: row().conceptUri }, 'fr-CH, fr;q=0.9, en;q=0.8');
    expect(data!.occupation.preferredLabel).toBe(occupationsFr.get(row().conceptUri!));
    expect(data!.occupation.iscoGroup.preferredLabel).toBe(iscoFr.get(`http://data.europa.eu/esco/isco/C${data!.occupation.iscoGroup.code}`));
  });

  test('a language the store does not hold is passed over; the field argument overrides the header', async () => {
    const german = await run(OCCUPATION, { uri: row().conceptUri }, 'de, fr;q=0.5');
    expect(german.data!.occupation.preferredLabel).toBe(occupationsFr.get(row().conceptUri!));
    const overridden = await run(OCCUPATION, { uri: row().conceptUri, language: 'en' }, 'fr');
    expect(overridden.data!.occupation.preferredLabel).toBe(row().preferredLabel!.trim());
    const none = await run(OCCUPATION, { uri: row().conceptUri }, 'de');
    expect(none.data!.occupation.preferredLabel).toBe(row().preferredLabel!.trim());
  });

  test('a language that is not a language tag is BAD_USER_INPUT', async () => {
    const { errors } = await run(OCCUPATION, { uri: row().conceptUri, language: 'fr") } #' });
    expect(errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});
