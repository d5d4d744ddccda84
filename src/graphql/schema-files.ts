import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SCHEMA_DIR = resolve(import.meta.dirname, '..', '..', 'schema');

/** Every `schema/*.graphql`, in name order: esco.graphql holds the core types, the others `extend` them. */
export function loadTypeDefs(dir = SCHEMA_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => readFileSync(join(dir, name), 'utf8'));
}
