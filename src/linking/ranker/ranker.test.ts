import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realStore } from '../../../test/real-store.js';
import { QualificationRepository } from '../../qualifications/index.js';
import { ConceptIndex } from '../concept-index.js';
import { loadConceptDocs } from '../concept-texts.js';
import { type Embedder, normalize } from '../embedder.js';
import { DEFAULT_FUSION, rankingSignals, rankSignals } from '../hybrid-ranker.js';
import { termProcessor } from '../lexical-analyzer.js';
import { LinkingService } from '../linking-service.js';
import { trainWithReviews, writeDeploymentModel } from './deployment-model.js';
import { FEATURE_COUNT } from './features.js';
import { committedModelFiles, modelFile, modelHash, Ranker, type RankerModel, rankerFor } from './model.js';
import { CANDIDATES, DEFAULT_TRAIN_OPTIONS, trainRanker } from './train.js';
import { embedQueries, escoPairs, essentialSkills, occupationPairs, trainingQueries } from './training-data.js';
import { queryFeatures, type TrainingContext, trainModel } from './training-set.js';

const TOKEN = 'test-token-123456';

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
    expect(lines).toEqual([
      expect.stringMatching(/^learned ranker: .*models\/use-lite-en\.json \(committed\)$/),
      expect.stringMatching(/^no learned ranker for the model "test-hashing" .*fusion alone/),
    ]);
    expect(rankerFor(undefined)).toBeUndefined();
  });

  it('takes occupation descriptions with their essential skills among the skills indexed as ESCO-derived pairs', async () => {
    const store = await realStore();
    const skills = (await loadConceptDocs(store, 'Skill', ['en'])).filter((_, i) => i % 40 === 0);
    const occupations = await loadConceptDocs(store, 'Occupation', ['en'], undefined, false);
    const essential = await essentialSkills(store);
    const pairs = occupationPairs(occupations, essential, skills, 50, 3);
    expect(pairs).toHaveLength(50);
    expect(occupationPairs(occupations, essential, skills, 50, 3)).toEqual(pairs);
    const known = new Set(skills.map((doc) => doc.uri));
    for (const pair of pairs) {
      const occupation = occupations.find((doc) => doc.description.replace(/\s+/g, ' ') === pair.text)!;
      expect([...pair.relevant].sort()).toEqual(essential.get(occupation.uri)!.filter((uri) => known.has(uri)));
    }
  });

  it('folds review decisions in: for outcomes the fusion ranked a rejected skill above an accepted one, the retrained ranker puts the accepted one first', async () => {
    const store = await realStore();
    const docs = (await loadConceptDocs(store, 'Skill', ['en'])).filter((_, i) => i % 40 === 0);
    const embedder = hashingEmbedder();
    const index = await ConceptIndex.build(docs, embedder, { dataLabel: 'ranker-test' });
    const context: TrainingContext = { store, version: store.defaultVersion!, embedder, docs, index, say: () => {} };
    const pairs = escoPairs(docs, { altLabels: 150, descriptions: 150 }, 3);
    const base = await queryFeatures(context, pairs, 'ranker-test-queries');
    const rank = async (text: string, ranker?: Ranker) => {
      const [signals] = await rankingSignals(index, await embedQueries(embedder, [{ text, relevant: new Set() }], { dataLabel: 'ranker-test-outcome' }));
      return rankSignals(index, signals!, { first: CANDIDATES, ranker }).map((r) => r.concept.uri);
    };
    // This deployment links competences, not knowledge: for three description sentences whose fusion ranks a
    // knowledge concept first and a skill among the next four, its reviewers rejected the one and accepted the other.
    const kind = new Map(docs.map((doc) => [doc.uri, doc.facets.skillType]));
    const reviews: { text: string; accepted: string; rejected: string }[] = [];
    for (const { text } of pairs.slice(150)) {
      const [first, ...next] = await rank(text);
      const accepted = next.slice(0, 4).find((uri) => kind.get(uri) === 'skill');
      if (kind.get(first!) === 'knowledge' && accepted) reviews.push({ text, accepted, rejected: first! });
      if (reviews.length === 3) break;
    }
    expect(reviews).toHaveLength(3);
    const repository = await QualificationRepository.open({ store, dataDir: mkdtempSync(join(tmpdir(), 'escograph-ranker-')), writeToken: TOKEN });
    const q = await repository.create({ title: 'Reviewed', learningOutcomes: reviews.map((r) => r.text) }, TOKEN);
    for (const [n, review] of reviews.entries()) {
      const outcome = q.learningOutcomes[n]!.id;
      await repository.reviewLink({ qualification: q.id, outcome, skill: review.accepted, status: 'ACCEPTED' }, TOKEN);
      await repository.reviewLink({ qualification: q.id, outcome, skill: review.rejected, status: 'REJECTED' }, TOKEN);
    }
    const outcomes = (await repository.get(q.id))!.learningOutcomes;
    repository.close();

    const model = await trainWithReviews(context, base, 'a slice of ESCO pairs', outcomes);
    expect(model.training.reviews).toEqual({ outcomes: 3, accepted: 3, rejected: 3, inCandidates: 6, weight: expect.any(Number) });
    const ranker = new Ranker(model);
    // The same slice without the reviews: the ranker alone kept the fusion's order, so the reviews made the change.
    const withoutReviews = new Ranker(trainModel(context, base, 'a slice of ESCO pairs'));
    for (const review of reviews) {
      const ranked = await rank(review.text, ranker);
      expect(ranked.indexOf(review.accepted)).toBeLessThan(ranked.indexOf(review.rejected));
      const before = await rank(review.text, withoutReviews);
      expect(before.indexOf(review.accepted)).toBeGreaterThan(before.indexOf(review.rejected));
    }
  });

  it('prefers the deployment\'s own ranker in the data dir at start, saying so, and refuses one that was changed after training', async () => {
    const committed = Ranker.load(modelFile('use-lite-en')).model;
    const { sha256: _old, ...content } = { ...committed, training: { ...committed.training, reviews: { outcomes: 2, accepted: 3, rejected: 1 } } };
    const own: RankerModel = { ...content, sha256: modelHash(content) };
    const dataDir = mkdtempSync(join(tmpdir(), 'escograph-ranker-'));
    const file = writeDeploymentModel(dataDir, own);
    expect(file).toBe(join(dataDir, 'ranker', 'use-lite-en.json'));
    const lines: string[] = [];
    const useLite = { ...hashingEmbedder(), model: 'use-lite-en' };
    const start = () => new LinkingService({ store: { defaultVersion: 'v1.1.1' } as never, embedder: { requested: 'use-lite', used: 'use-lite', embedder: useLite }, dataDir, log: (line) => lines.push(line) });
    start();
    expect(lines).toEqual([`learned ranker: ${file} (this deployment's, trained with the review decisions of 2 learning outcomes)`]);
    expect(rankerFor(useLite, () => {}, dataDir)!.model.sha256).toBe(own.sha256);
    // Another embedder's ranker is still the committed one.
    expect(rankerFor({ ...useLite, model: 'all-MiniLM-L6-v2.q8.len256' }, () => {}, dataDir)!.model.sha256).toBe(Ranker.load(modelFile('all-MiniLM-L6-v2.q8.len256')).model.sha256);

    const tampered = JSON.parse(readFileSync(file, 'utf8')) as RankerModel;
    tampered.weights[0] = tampered.weights[0]! + 1;
    writeFileSync(file, JSON.stringify(tampered));
    expect(start).toThrow(`${file} does not match its hash (changed after it was trained): regenerate it with "escograph ranker train --reviews" (or delete it to use the committed model)`);
  });
});
