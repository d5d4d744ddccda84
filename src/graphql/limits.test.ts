import { getIntrospectionQuery } from 'graphql';
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
