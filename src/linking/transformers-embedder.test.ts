import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../test/shared-data.js';
import { createEmbedder } from './create-embedder.js';
import { createTransformersEmbedder } from './transformers-embedder.js';

const TINY = () => sharedPath('models', 'test', 'bert-tiny-random');

describe('transformers embedder', () => {
  it('loads the tiny test model offline and returns unit vectors of its hidden size (random weights: mechanics only)', async () => {
    const { hidden_size } = JSON.parse(readFileSync(join(TINY(), 'config.json'), 'utf8')) as { hidden_size: number };
    const embedder = await createTransformersEmbedder({ model: TINY(), dataDir: '/nonexistent' });
    expect(embedder.dimension).toBe(hidden_size);
    const vectors = await embedder.embed(['Describe the reasons for an ethical analysis applied to AI.', 'cook', '']);
    expect(vectors.map((v) => v.length)).toEqual([hidden_size, hidden_size, hidden_size]);
    const norm = Math.hypot(...vectors[0]!);
    expect(norm).toBeCloseTo(1, 4);
  });

  it('says plainly when the configured model cannot be loaded, and names the backend used instead', async () => {
    const choice = await createEmbedder('transformers', { model: '/nonexistent/model-folder', dataDir: '/nonexistent' });
    expect(choice.used).toBe('use-lite');
    expect(choice.notice).toMatch(/could not load the transformers model "\/nonexistent\/model-folder".*using the use-lite backend instead/);
    expect(choice.embedder?.dimension).toBe(512);
  });
});
