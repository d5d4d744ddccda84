import { buildSchema, getIntrospectionQuery, parse } from 'graphql';
import { describe, expect, test } from 'vitest';
import { runQuery } from '../../test/graphql-client.js';
import { realStore } from '../../test/real-store.js';
import * as webLinking from '../../web/src/app/api/documents.js';
import * as webExplorer from '../../web/src/app/api/explorer-documents.js';
import * as webInsights from '../../web/src/app/api/insights-documents.js';
import { LinkingService } from '../linking/index.js';
import { type EscoGraphQL, createGraphQLServer } from './graphql-server.js';
import { operationCost } from './limits.js';
import { loadTypeDefs } from './schema-files.js';

const codes = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.map((e) => e.extensions?.code);

describe('protection: hostile or malformed queries get coded errors', () => {
  test('too deep', async () => {
    const deep = `{ skill(uri: "http://x.org/s") ${'{ broader '.repeat(14)}{ uri }${' }'.repeat(14)} }`;
    const result = await runQuery(deep);
    expect(codes(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(result.errors![0]!.message).toMatch(/depth/);
  });

  test('first above 100', async () => {
    const result = await runQuery('{ skills(first: 101) { nodes { uri } } }');
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toMatch(/first must be between 0 and 100/);
  });

  test('too costly: nested lists of 100 multiply', async () => {
    const result = await runQuery(`{ skills(first: 100) { nodes { essentialForOccupations(first: 100) { essentialSkills { preferredLabel } } } } }`);
    expect(codes(result)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  test('huge query text', async () => {
    const result = await runQuery(`{ versions { version } } # ${'x'.repeat(30_000)}`);
    expect(codes(result)).toEqual(['QUERY_TOO_LARGE']);
  });

  test('a malformed URI is BAD_USER_INPUT; an unknown concept is null; no stack traces', async () => {
    const bad = await runQuery('{ occupation(uri: "not a uri") { uri } }');
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(bad.errors)).not.toMatch(/stacktrace|\.ts:\d+/);
    const unknown = await runQuery('{ occupation(uri: "http://data.europa.eu/esco/occupation/no-such") { uri } skill(uri: "http://data.europa.eu/esco/occupation/no-such") { uri } }');
    expect(unknown).toEqual({ data: { occupation: null, skill: null } });
  });

  test('an unknown version, a bad cursor, empty search text and a bad ISCO code are BAD_USER_INPUT', async () => {
    for (const query of [
      '{ occupations(version: "v9") { totalCount } }',
      '{ skills(after: "nonsense") { totalCount } }',
      '{ search(text: "   ") { totalCount } }',
      '{ iscoGroup(code: "25x") { uri } }',
    ]) {
      expect(codes(await runQuery(query)), query).toEqual(['BAD_USER_INPUT']);
    }
  });

  test('the standard introspection query passes; mixed with costly data fields, the data is still counted', async () => {
    const introspection = await runQuery<{ __schema: { types: { name: string }[] } }>(getIntrospectionQuery());
    expect(introspection.errors).toBeUndefined();
    expect(introspection.data!.__schema.types.map((t) => t.name)).toContain('Occupation');
    const mixed = await runQuery(`{ __schema { types { name } }
      skills(first: 100) { nodes { essentialForOccupations(first: 100) { essentialSkills { preferredLabel } } } } }`);
    expect(codes(mixed)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  test('introspection nested beyond what the standard query needs is refused', async () => {
    const result = await runQuery('{ __type(name: "Query") { fields { type { fields { type { fields { type { fields { name } } } } } } } } }');
    expect(codes(result)).toContain('GRAPHQL_VALIDATION_FAILED');
  });

  test('fragment cycles and unknown fragments are validation errors, not internal errors', async () => {
    for (const [query, message] of [
      ['fragment A on Query { ...B } fragment B on Query { ...A } { ...A }', 'Cannot spread fragment "A" within itself via "B".'],
      ['fragment A on Query { versions { version } ...A } { ...A }', 'Cannot spread fragment "A" within itself.'],
      ['{ ...Missing }', 'Unknown fragment "Missing".'],
    ]) {
      const result = await runQuery(query!);
      expect(codes(result), query).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(result.errors![0]!.message).toBe(message);
    }
  });

  test('fragments that each spread the next twice are measured once each, and refused by their expansion', async () => {
    // 2^40 paths: a walk that follows every spread would never end.
    let query = '{ ...F0 }';
    for (let i = 0; i < 40; i++) query += ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`;
    const result = await runQuery(`${query} fragment F40 on Query { versions { version } }`);
    expect(codes(result)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  test('a variable nested 100,000 lists deep is BAD_USER_INPUT naming the variable', async () => {
    let nested: unknown = 'OCCUPATION';
    for (let i = 0; i < 100_000; i++) nested = [nested];
    const result = await runQuery('query($types: [ConceptType!]) { search(text: "nurse", types: $types) { totalCount } }', { types: nested });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toMatch(/^Variable "\$types" got invalid value/);
  });
});

const store = await realStore();

describe('linking and analysis cost by their input: characters (variables included), outcomes, ads, entries', () => {
  let linked: EscoGraphQL | undefined;
  const server = () => (linked ??= createGraphQLServer({
    store,
    // The lexical backend: what is priced is the input, whatever ranks it.
    services: { linking: new LinkingService({ store, embedder: { requested: 'none', used: 'none' } }) },
  }));
  const run = async (query: string, variables?: Record<string, unknown>) => {
    const response = await server().apollo.executeOperation({ query, variables }, { contextValue: server().contextFor({}) });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return { ...(response.body.singleResult as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] }), status: response.http.status };
  };
  const schema = buildSchema(loadTypeDefs().join('\n'));
  const price = (query: string, variables: Record<string, unknown> = {}) => operationCost({ schema, query: parse(query), variables });
  const LINK = 'query ($t: String!) { linkLearningOutcomes(text: $t) { text suggestions { score skill { uri } } } }';
  const sentence = 'Prepare and cook seafood dishes following hygiene rules, and explain the choice of ingredients to guests. ';
  const text = (length: number) => sentence.repeat(Math.ceil(length / sentence.length)).slice(0, length);

  async function refusedQuickly(query: string, variables: Record<string, unknown>) {
    const started = performance.now();
    const result = await run(query, variables);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(codes(result)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(result.errors![0]!.message).toMatch(/^query costs \d+; the limit is 20000/);
    expect(result.status).toBe(400);
  }

  test('text costs the same inline or in a variable, and grows with its length', () => {
    const inline = price(`{ suggestOccupations(text: ${JSON.stringify(text(500))}) { score } }`);
    const variable = price('query ($t: String!) { suggestOccupations(text: $t) { score } }', { t: text(500) });
    expect(inline).toEqual(variable);
    expect(price('query ($t: String!) { suggestOccupations(text: $t) { score } }', { t: text(1_000) }).work).toBe(variable.work + 1_500);
    expect(price('{ occupation(uri: "http://data.europa.eu/esco/occupation/x") { preferredLabel } search(text: "nurse") { totalCount } }').work).toBe(0);
  });

  test('one linkLearningOutcomes of 99,000 characters is refused at once', async () => {
    await refusedQuickly(LINK, { t: text(99_000) });
  });

  test('100 aliases of linkLearningOutcomes sharing one variable each count: refused; one alone runs', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: linkLearningOutcomes(text: $t) { text suggestions { score } }`).join(' ');
    await refusedQuickly(`query ($t: String!) { ${aliases} }`, { t: text(150) });
    const one = await run(LINK, { t: text(150) });
    expect(one.errors).toBeUndefined();
  });

  test('100 aliases of occupationMatches(from: { text }) are refused', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `m${i}: occupationMatches(from: { text: $t }, first: 1) { totalCount }`).join(' ');
    await refusedQuickly(`query ($t: String!) { ${aliases} }`, { t: text(100) });
  });

  test('5,000 bytes of binary garbage are priced by their characters and run within the budget', async () => {
    const bytes = Uint8Array.from({ length: 5_000 }, (_, i) => (i * 2_654_435_761) >>> 24);
    const garbage = new TextDecoder().decode(bytes);
    expect(price(LINK, { t: garbage }).cost).toBeLessThanOrEqual(20_000);
    const result = await run(LINK, { t: garbage });
    expect(result.errors).toBeUndefined();
  });

  test('every request the web app sends, with realistic inputs, is within the budget', () => {
    const outcomes = Array.from({ length: 15 }, () => text(150));
    const ads = Array.from({ length: 1_000 }, () => text(400));
    const skills = Array.from({ length: 20 }, (_, i) => `http://data.europa.eu/esco/skill/${i}`);
    const realistic: Record<string, Record<string, unknown>> = {
      SPLIT: { text: outcomes.join('\n') },
      LINK_OUTCOMES: { outcomes },
      LINK_JOB_ADS: { ads },
      SUPPLY_DEMAND: {
        supply: Array.from({ length: 200 }, () => ({ text: text(1_000), weight: 30, region: 'north' })),
        demand: ads.map(() => ({ occupation: 'http://data.europa.eu/esco/occupation/x', skills, weight: 2, region: 'north' })),
        byRegion: true,
      },
      OCCUPATION_MATCHES: { skills }, SKILLS_GAP: { occupation: 'http://x.org/o', skills }, CAREER_MATCHES: { skills, first: 20 },
      SKILLS_DISTRIBUTION: { profiles: [{ id: 'p', skills }], first: 100 },
    };
    const documents = { ...webLinking, ...webExplorer, ...webInsights, ISCO_CARDS: webExplorer.iscoCardsQuery(webExplorer.ISCO_MAJOR_CODES) };
    const priced = Object.entries(documents)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && /^\s*(query|\{)/.test(entry[1]))
      .map(([name, query]) => [name, price(query, { id: 'q1', uri: 'http://x.org/c', code: '25', prefix: 'nur', ...realistic[name] }).cost] as const);
    expect(priced.length).toBeGreaterThan(10);
    expect(priced.filter(([, cost]) => cost > 20_000)).toEqual([]);
    // The heavy ones are priced by their input, not left at their selection's cost.
    const costs = Object.fromEntries(priced);
    expect(costs.LINK_OUTCOMES).toBeGreaterThan(7_000);
    expect(costs.LINK_JOB_ADS).toBeGreaterThan(17_000);
  });
});
