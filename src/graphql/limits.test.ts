import { describe, expect, test } from 'vitest';
import { runQuery } from '../../test/graphql-client.js';

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
});
