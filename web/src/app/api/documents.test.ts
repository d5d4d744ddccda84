import { readFileSync, readdirSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, test } from 'vitest';
import * as linking from './documents.js';
import * as explorer from './explorer-documents.js';
import * as insights from './insights-documents.js';

// The contract is schema/*.graphql: every operation the app sends must be valid against it, so a schema change
// that breaks a screen fails here rather than in a reviewer's browser.
const schemaDir = new URL('../../../../schema/', import.meta.url);
const schema = buildSchema(readdirSync(schemaDir).filter((f) => f.endsWith('.graphql')).map((f) => readFileSync(new URL(f, schemaDir), 'utf8')).join('\n'));

describe('the web app speaks the public schema', () => {
  const operations = [...Object.entries(linking as Record<string, unknown>), ...Object.entries(explorer as Record<string, unknown>), ...Object.entries(insights as Record<string, unknown>), ['iscoCardsQuery', explorer.iscoCardsQuery(explorer.ISCO_MAJOR_CODES)]]
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && /^\s*(query|mutation|\{)/.test(entry[1]));
  test('there are operations to check', () => expect(operations.length).toBeGreaterThan(10));
  for (const [name, text] of operations) {
    test(name, () => expect(validate(schema, parse(text)).map((e) => e.message)).toEqual([]));
  }
});
