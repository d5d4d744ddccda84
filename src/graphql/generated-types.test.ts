import { generate } from '@graphql-codegen/cli';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import config from '../../codegen.js';

const ROOT = join(import.meta.dirname, '..', '..');

test('src/graphql/generated/types.ts is what codegen makes of schema/*.graphql (run `npm run codegen` when this fails)', async () => {
  const previous = process.cwd();
  process.chdir(ROOT);
  try {
    const [output] = (await generate(config, false)) as { filename: string; content: string }[];
    expect(output!.filename).toBe('src/graphql/generated/types.ts');
    expect(readFileSync(join(ROOT, output!.filename), 'utf8')).toBe(output!.content);
  } finally {
    process.chdir(previous);
  }
});
