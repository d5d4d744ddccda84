import { describe, expect, it } from 'vitest';
import { realStore } from '../../../test/real-store.js';
import { ConceptIndex } from '../concept-index.js';
import { loadConceptDocs } from '../concept-texts.js';
import { type Embedder, normalize } from '../embedder.js';
import { DEFAULT_FUSION, rankingSignals, rankSignals } from '../hybrid-ranker.js';
import { termProcessor } from '../lexical-analyzer.js';
import { FEATURE_COUNT } from './features.js';
import { committedModelFiles, modelFile, modelHash, Ranker, rankerFor } from './model.js';
import { CANDIDATES, DEFAULT_TRAIN_OPTIONS, trainRanker } from './train.js';
import { embedQueries, escoPairs, trainingQueries } from './training-data.js';

/** Stems hashed into 128 dimensions: vectors that carry word overlap, fast enough for a test over real skills. */
function hashingEmbedder(): Embedder {
  const stem = termProcessor('en');
  return {
    name: 'transformers',
    model: 'test-hashing',
    dimension: 128,
    async embed(texts) {
      return texts.map((text) => {
        const vector = new Float32Array(128);
        for (const word of text.toLowerCase().split(/\W+/)) {
          const term = word && stem(word);
          if (!term) continue;
          let h = 7;
          for (const ch of term) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
          vector[h % 128] = vector[h % 128]! + 1;
        }
        return normalize(vector);
      });
    },
  };
}

describe('the learned ranker', () => {
  it('trained on a slice of ESCO-derived pairs, ranks a held-in gold skill higher than the fusion alone', async () => {
    const docs = (await loadConceptDocs(await realStore(), 'Skill', ['en'])).filter((_, i) => i % 40 === 0);
    const embedder = hashingEmbedder();
    const index = await ConceptIndex.build(docs, embedder, { dataLabel: 'ranker-test' });
    const pairs = escoPairs(docs, { altLabels: 150, descriptions: 150 }, 3);
    const embedded = await embedQueries(embedder, pairs, { dataLabel: 'ranker-test-queries' });
    const candidates = 50;
    const training = await trainingQueries(index, pairs, embedded, DEFAULT_FUSION, candidates);
    expect(training.every((q) => q.rows.length === q.gold.length * FEATURE_COUNT && q.rows.every(Number.isFinite))).toBe(true);
    const options = { ...DEFAULT_TRAIN_OPTIONS, epochs: 4, candidates, about: {} };
    const model = trainRanker(training, options);
    // Same data, same seed: the same model, byte for byte, which is what makes the committed artifact checkable.
    expect(trainRanker(training, options).sha256).toBe(model.sha256);

    const ranker = new Ranker(model);
    const signals = await rankingSignals(index, embedded);
    const rankOf = (i: number, withRanker: boolean) =>
      rankSignals(index, signals[i]!, { first: candidates, ranker: withRanker ? ranker : undefined })
        .findIndex((r) => pairs[i]!.relevant.has(r.concept.uri));
    const ranks = pairs.map((_, i) => ({ fusion: rankOf(i, false), ranker: rankOf(i, true) })).filter((r) => r.fusion >= 0);
    const mrr = (key: 'fusion' | 'ranker') => ranks.reduce((sum, r) => sum + (r[key] < 0 ? 0 : 1 / (r[key] + 1)), 0) / ranks.length;
    expect(mrr('ranker')).toBeGreaterThan(mrr('fusion'));
    // The pair the fusion ranks worst among those it finds: the ranker lifts its gold skill.
    const hardest = ranks.reduce((worst, r) => (r.fusion > worst.fusion ? r : worst));
    expect(hardest.ranker).toBeGreaterThanOrEqual(0);
    expect(hardest.ranker).toBeLessThan(hardest.fusion);
  });

  it('loads the committed models: their hashes hold and they were trained on the features this code computes', () => {
    const files = committedModelFiles();
    // USE-lite's and all-MiniLM-L6-v2 q8's, each with and without SkillSkape train.
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const ranker = Ranker.load(file);
      expect(ranker.model.sha256).toBe(modelHash(ranker.model));
      expect(ranker.candidates).toBe(CANDIDATES);
      expect(file.href).toBe(modelFile(String(ranker.model.training.embedder), file.href.endsWith('.esco-only.json') ? 'esco-only' : 'all').href);
    }
  });

  it('picks the ranker trained for the embedding model, and the fusion alone, saying so, for a model without one', () => {
    const lines: string[] = [];
    const embedder = (model: string) => ({ ...hashingEmbedder(), model });
    expect(rankerFor(embedder('use-lite-en'), (line) => lines.push(line))?.model.training.embedder).toBe('use-lite-en');
    expect(rankerFor(embedder('all-MiniLM-L6-v2.q8.len256'))?.model.training.embedder).toBe('all-MiniLM-L6-v2.q8.len256');
    expect(rankerFor(embedder('test-hashing'), (line) => lines.push(line))).toBeUndefined();
    expect(lines).toEqual([expect.stringMatching(/^no learned ranker for the model "test-hashing" .*fusion alone/)]);
    expect(rankerFor(undefined)).toBeUndefined();
  });
});
