import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Embedder } from './embedder.js';
import { buildVectors, VECTOR_CACHE_FORMAT, vectorCacheFile } from './vector-cache.js';

/** Counts the texts it embeds; the vector encodes each text's length so rows can be checked. */
function countingEmbedder(model: string): Embedder & { calls: number } {
  return {
    name: 'transformers',
    model,
    dimension: 2,
    calls: 0,
    async embed(texts) {
      this.calls += texts.length;
      return texts.map((text) => Float32Array.from([text.length, 1]));
    },
  };
}

describe('buildVectors', () => {
  it('embeds once, keeps rows in text order, and loads from the cache while model and data are unchanged', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'escograph-vectors-'));
    const texts = ['a much longer text', 'b', 'ccc'];
    const embedder = countingEmbedder('m1');
    const first = await buildVectors(embedder, texts, { cacheDir, dataLabel: 'esco-v1' });
    expect(first.fromCache).toBe(false);
    expect(Array.from(first.matrix)).toEqual([18, 1, 1, 1, 3, 1]);
    const again = await buildVectors(embedder, texts, { cacheDir, dataLabel: 'esco-v1' });
    expect(again.fromCache).toBe(true);
    expect(Array.from(again.matrix)).toEqual(Array.from(first.matrix));
    expect(embedder.calls).toBe(3);
    expect(existsSync(`${first.file}.partial`)).toBe(false);
  });

  it('rebuilds when the model, the data version or any text changes', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'escograph-vectors-'));
    const texts = ['one', 'two'];
    const base = vectorCacheFile(cacheDir, countingEmbedder('m1'), 'esco-v1', texts);
    expect(vectorCacheFile(cacheDir, countingEmbedder('m2'), 'esco-v1', texts)).not.toBe(base);
    expect(vectorCacheFile(cacheDir, countingEmbedder('m1'), 'esco-v2', texts)).not.toBe(base);
    expect(vectorCacheFile(cacheDir, countingEmbedder('m1'), 'esco-v1', ['one', 'two!'])).not.toBe(base);
    const embedder = countingEmbedder('m1');
    await buildVectors(embedder, texts, { cacheDir, dataLabel: 'esco-v1' });
    await buildVectors(embedder, ['one', 'two!'], { cacheDir, dataLabel: 'esco-v1' });
    expect(embedder.calls).toBe(4);
  });

  it('names the cache format, and removes the files of the same model and data that a new build replaces', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'escograph-vectors-'));
    // A cache of the previous layout (one vector per alternative label) and an unrelated model's file.
    writeFileSync(join(cacheDir, 'm1--esco-v1--0123456789abcdef.f32'), Buffer.alloc(16));
    writeFileSync(join(cacheDir, 'm1--esco-v1--0123456789abcdef.f32.partial'), Buffer.alloc(24));
    writeFileSync(join(cacheDir, 'm2--esco-v1--0123456789abcdef.f32'), Buffer.alloc(16));
    const built = await buildVectors(countingEmbedder('m1'), ['one', 'two'], { cacheDir, dataLabel: 'esco-v1' });
    expect(built.file).toContain(`--v${VECTOR_CACHE_FORMAT}-`);
    expect(readdirSync(cacheDir).sort()).toEqual([built.file!.split('/').pop(), 'm2--esco-v1--0123456789abcdef.f32'].sort());
  });
});
