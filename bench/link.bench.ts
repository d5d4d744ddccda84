/**
 * Text → ESCO skill linking on the SkillSkape dev set: ranks all ESCO skills per sentence with issue 11's simple
 * baseline, the words alone, the vectors alone, the fusion and the learned ranker (trained with and without
 * SkillSkape train), and prints RP@1/5/10, MRR, queries/s and index build time, with ratios to the baseline.
 * With `--model <folder>` the same table follows for that sentence model (its own ranker, when one is trained for
 * it), after USE-lite's in the same run, and both models' query embedding rates are measured back to back.
 * Usage: npm run bench:link [-- --model <folder>] [-- --limit N] [-- --tune] [-- --dev file.csv]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { vectorBuildLog } from '../src/linking/build-progress.js';
import { ConceptIndex } from '../src/linking/concept-index.js';
import { loadConceptDocs } from '../src/linking/concept-texts.js';
import { exactEmbedder } from '../src/linking/create-embedder.js';
import { type Embedder, queryEncoder } from '../src/linking/embedder.js';
import {
  BASELINE_FUSION,
  DEFAULT_FUSION,
  type FusionWeights,
  rankingSignals,
  type RankingMode,
  rankSignals,
  type TextSignals,
} from '../src/linking/hybrid-ranker.js';
import { openLinkingStore } from '../src/linking/linking-store.js';
import { queryTexts } from '../src/linking/query-parts.js';
import { modelFile, Ranker } from '../src/linking/ranker/model.js';
import { embedQueries, readSkillSkape } from '../src/linking/ranker/training-data.js';
import { averageScores, type RankingScores } from '../src/linking/ranking-metrics.js';

const { values } = parseArgs({
  options: { limit: { type: 'string' }, tune: { type: 'boolean' }, dev: { type: 'string' }, model: { type: 'string' } },
});
const shared = process.env.ESCOGRAPH_SHARED ?? join(import.meta.dirname, '..', '..', 'shared');
const devFile = values.dev ?? join(shared, 'bench', 'skillskape', 'dev.csv');
const config = loadConfig();
const cacheDir = join(config.dataDir, 'vectors');

const { store, version } = await openLinkingStore(config, join(shared, 'esco', 'v1.1.1'));
const docs = await loadConceptDocs(store, 'Skill', ['en'], version);
const dev = readSkillSkape(devFile, docs);
const queries = values.limit ? dev.queries.slice(0, Number(values.limit)) : dev.queries;
const f = (n: number) => n.toFixed(3);
console.log(`SkillSkape dev: ${dev.rows} rows, ${dev.unknownOnly} skipped (UNK only), ${queries.length} evaluated` +
  `; ${dev.unmapped.size} gold labels not ESCO ${version} preferred labels (dropped): ${[...dev.unmapped].slice(0, 5).join(' | ')}`);

const embedders = [await exactEmbedder(undefined, config.dataDir)];
if (values.model) embedders.push(await exactEmbedder(values.model, config.dataDir));

// The query vectors come from the cache after the first run, so the embedding rate is measured live, on the same
// sample for every model, back to back: a machine shared with other work weighs on them alike.
const allTexts = queries.map((q) => queryTexts(q.text, 'en'));
const textCount = allTexts.flat().length;
const sample = allTexts.flat().slice(0, 300);
const rates = new Map<Embedder, number>();
for (const embedder of embedders) {
  const started = performance.now();
  await queryEncoder(embedder).embed(sample);
  rates.set(embedder, sample.length / ((performance.now() - started) / 1000));
}
const baseRate = rates.get(embedders[0]!)!;
for (const [embedder, rate] of rates) {
  console.log(`query embedding, ${embedder.model}: ${rate.toFixed(0)} texts/s (${(rate / baseRate).toFixed(2)} × ${embedders[0]!.model}), ` +
    `about ${(rate * queries.length / textCount).toFixed(1)} sentences/s (${textCount} texts: each sentence and its ${textCount - queries.length} enumeration parts)`);
}

for (const embedder of embedders) await benchModel(embedder);

interface Run {
  scores: RankingScores;
  queriesPerSecond: number;
}

interface Signals {
  signals: TextSignals[][];
  millis: number;
}

async function benchModel(embedder: Embedder): Promise<void> {
  const index = await ConceptIndex.build(docs, embedder, {
    cacheDir,
    dataLabel: `esco-${version}-Skill-en`,
    onProgress: vectorBuildLog('skill', (line) => process.stderr.write(`${line}\n`)),
  });
  // Each sentence is ranked by its whole text and its enumeration parts, exactly as LinkingService ranks.
  const embedded = await embedQueries(embedder, queries, { cacheDir, dataLabel: `skillskape-${values.dev ? 'custom' : 'dev'}` });
  async function timedSignals(list: typeof embedded, mode: RankingMode): Promise<Signals> {
    const start = performance.now();
    const signals = await rankingSignals(index, list, mode);
    return { signals, millis: performance.now() - start };
  }
  // The baseline ranks the whole sentence alone; the others its parts too. The vector scan, which dominates the
  // signals' time, runs once per set of texts.
  const wholeOnly = await timedSignals(embedded.map((query) => query.slice(0, 1)), 'hybrid');
  const withParts = await timedSignals(embedded, 'hybrid');

  const evaluate = (signals: Signals, mode: RankingMode, fusion: FusionWeights, ranker?: Ranker): Run => {
    const start = performance.now();
    const results = queries.map((q, i) => ({
      ranked: rankSignals(index, signals.signals[i]!, { first: index.size, mode, fusion, ranker }).map((r) => r.concept.uri),
      relevant: q.relevant,
    }));
    const millis = performance.now() - start + signals.millis;
    return { scores: averageScores(results), queriesPerSecond: queries.length / (millis / 1000) };
  };

  const buildSeconds = (index.buildMillis.vectors + index.buildMillis.lexical) / 1000;
  console.log(`\n${embedder.model}: ${index.size} skills, ${index.vectorCount} vectors (${embedder.dimension}-d); ` +
    `vectors ${index.buildMillis.vectorsFromCache ? 'loaded from cache' : 'built'} in ${(index.buildMillis.vectors / 1000).toFixed(1)} s, ` +
    `BM25 indexes built in ${(index.buildMillis.lexical / 1000).toFixed(1)} s`);
  if (values.tune) {
    tune((fusion) => evaluate(withParts, 'hybrid', fusion).scores);
    return;
  }

  // This model's own rankers: another model's would misjudge its cosines.
  const rankerLoad = performance.now();
  const rankers = (['esco-only', 'all'] as const).map((variant) => modelFile(embedder.model, variant)).map((file) => (existsSync(file) ? Ranker.load(file) : undefined));
  const rankerLoadMillis = (performance.now() - rankerLoad) / 2;
  const rows: [string, Run, number][] = [
    ['baseline (issue 11)', evaluate(wholeOnly, 'hybrid', BASELINE_FUSION), 0],
    ['BM25 + parts', evaluate(withParts, 'lexical', DEFAULT_FUSION), 0],
    ['vectors + parts', evaluate(withParts, 'vector', DEFAULT_FUSION), 0],
    ['fusion (new)', evaluate(withParts, 'hybrid', DEFAULT_FUSION), 0],
  ];
  const [escoOnly, all] = rankers;
  if (escoOnly) rows.push(['ranker, ESCO pairs only', evaluate(withParts, 'hybrid', DEFAULT_FUSION, escoOnly), rankerLoadMillis]);
  if (all) rows.push(['ranker, + SkillSkape train', evaluate(withParts, 'hybrid', DEFAULT_FUSION, all), rankerLoadMillis]);
  if (!all) console.log(`no ranker trained for ${embedder.model} (${modelFile(embedder.model).pathname}): "npm run ranker:train -- --model <folder>"`);
  const base = rows[0]![1].scores;
  console.log('ranking                      RP@1   RP@5   RP@10  MRR    RP@5/base MRR/base queries/s index build s');
  for (const [name, { scores, queriesPerSecond }, extraMillis] of rows) {
    console.log(`${name.padEnd(28)} ${f(scores.rp1)}  ${f(scores.rp5)}  ${f(scores.rp10)}  ${f(scores.mrr)}  ` +
      `${(scores.rp5 / base.rp5).toFixed(2).padStart(9)} ${(scores.mrr / base.mrr).toFixed(2).padStart(8)} ` +
      `${queriesPerSecond.toFixed(1).padStart(9)} ${(buildSeconds + extraMillis / 1000).toFixed(1).padStart(13)}`);
  }
  console.log('(queries/s: ranking all skills per sentence with its parts, query embedding excluded)');
}

/**
 * Coordinate search over the fusion weights, on dev only: each weight in turn over its grid, the others held,
 * kept when RP@5 + MRR improves; two rounds.
 */
function tune(score: (fusion: FusionWeights) => RankingScores): void {
  const grid: Record<string, number[]> = {
    alt: [0, 0.25, 0.5, 0.75, 1], description: [0.25, 0.5, 0.75, 1, 1.25], descriptionBm25: [0, 0.1, 0.3, 0.5, 0.8],
    vector: [0.4, 0.5, 0.6, 0.7, 0.8], parts: [0, 0.2, 0.3, 0.4, 0.5, 0.6],
  };
  const apply = (w: FusionWeights, key: string, v: number): FusionWeights =>
    key === 'alt' ? { ...w, cosine: [w.cosine[0], v, w.cosine[2]] }
      : key === 'description' ? { ...w, cosine: [w.cosine[0], w.cosine[1], v] }
        : { ...w, [key]: v };
  const objective = (s: RankingScores) => s.rp5 + s.mrr;
  let best = { ...BASELINE_FUSION, parts: 0.4 };
  let bestScore = objective(score(best));
  for (let round = 0; round < 2; round++) {
    for (const [key, options] of Object.entries(grid)) {
      for (const v of options) {
        const candidate = apply(best, key, v);
        const scores = score(candidate);
        console.log(`tune ${JSON.stringify(candidate)}  RP@1 ${f(scores.rp1)}  RP@5 ${f(scores.rp5)}  RP@10 ${f(scores.rp10)}  MRR ${f(scores.mrr)}`);
        if (objective(scores) > bestScore + 1e-9) {
          best = candidate;
          bestScore = objective(scores);
        }
      }
    }
  }
  console.log(`tune best: ${JSON.stringify(best)}`);
}
