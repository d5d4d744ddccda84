/**
 * Trains the learned ranker for one embedding model and writes its committed models under `models/`:
 * `<model>.json` (SkillSkape train + ESCO-derived pairs) and `<model>.esco-only.json` (ESCO-derived pairs only,
 * which says how the ranker carries to text unlike job ads).
 * Usage: npm run ranker:train [-- --model <folder>] [-- --check] [-- --dev]
 *   --model  the sentence model whose cosines the ranker learns (a folder, as ESCOGRAPH_MODEL); default USE-lite
 *   --check  regenerate and compare with the committed files (exit 1 when they differ), and check every committed
 *            model's hash and features, so CI checks the models of weights it does not have
 *   --dev    also print each model's RP@5 / MRR on SkillSkape dev (hyper-parameters are tuned there, never on test data)
 * Vectors (ESCO's and the training texts') are cached in <dataDir>/vectors, so a rerun costs minutes, not the embedding.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.js';
import { vectorBuildLog } from '../build-progress.js';
import { ConceptIndex } from '../concept-index.js';
import { loadConceptDocs } from '../concept-texts.js';
import { exactEmbedder } from '../create-embedder.js';
import { DEFAULT_FUSION, rankingSignals, rankSignals } from '../hybrid-ranker.js';
import { openLinkingStore } from '../linking-store.js';
import { averageScores } from '../ranking-metrics.js';
import { committedModelFiles, modelFile, Ranker, type RankerModel } from './model.js';
import { CANDIDATES, DEFAULT_TRAIN_OPTIONS, trainRanker } from './train.js';
import { embedQueries, escoPairs, type GoldQuery, readSkillSkape, trainingQueries } from './training-data.js';

/** ESCO-derived pairs drawn per kind; more gave no gain on dev. */
const ESCO_PAIRS = { altLabels: 2000, descriptions: 2000 };
/**
 * SkillSkape train sentences used (the first ones of the file): with their enumeration parts 4,000 sentences are
 * ~20k texts to embed, several minutes with USE-lite; a linear model of ~40 features needs no more.
 */
const SKILLSKAPE_SENTENCES = 4000;

const { values } = parseArgs({ options: { check: { type: 'boolean' }, dev: { type: 'boolean' }, model: { type: 'string' } } });
const say = (line: string) => process.stderr.write(`${line}\n`);
const config = loadConfig();
const shared = process.env.ESCOGRAPH_SHARED ?? join(import.meta.dirname, '..', '..', '..', '..', 'shared');
const cacheDir = join(config.dataDir, 'vectors');

const { store, version } = await openLinkingStore(config, join(shared, 'esco', 'v1.1.1'));
const docs = await loadConceptDocs(store, 'Skill', ['en'], version);
const embedder = await exactEmbedder(values.model, config.dataDir);
const index = await ConceptIndex.build(docs, embedder, { cacheDir, dataLabel: `esco-${version}-Skill-en`, onProgress: vectorBuildLog('skill', say) });

async function features(queries: GoldQuery[], dataLabel: string) {
  const embedded = await embedQueries(embedder, queries, { cacheDir, dataLabel, onProgress: vectorBuildLog(dataLabel, say) });
  return trainingQueries(index, queries, embedded, DEFAULT_FUSION, CANDIDATES);
}

const skillskape = readSkillSkape(join(shared, 'bench', 'skillskape', 'train.csv'), docs).queries.slice(0, SKILLSKAPE_SENTENCES);
const pairs = escoPairs(docs, ESCO_PAIRS, DEFAULT_TRAIN_OPTIONS.seed);
say(`training texts: ${skillskape.length} SkillSkape train sentences, ${pairs.length} ESCO-derived pairs`);
const escoFeatures = await features(pairs, `esco-pairs-${DEFAULT_TRAIN_OPTIONS.seed}-${ESCO_PAIRS.altLabels}-${ESCO_PAIRS.descriptions}`);
const skillskapeFeatures = await features(skillskape, `skillskape-train-${SKILLSKAPE_SENTENCES}`);

const common = { ...DEFAULT_TRAIN_OPTIONS, candidates: CANDIDATES };
const about = { esco: `ESCO ${version}`, embedder: embedder.model, fusion: DEFAULT_FUSION };
const models: [URL, RankerModel][] = [
  [modelFile(embedder.model), trainRanker([...skillskapeFeatures, ...escoFeatures], { ...common, about: { ...about, data: 'SkillSkape train + ESCO alt labels and description sentences' } })],
  [modelFile(embedder.model, 'esco-only'), trainRanker(escoFeatures, { ...common, about: { ...about, data: 'ESCO alt labels and description sentences' } })],
];

if (values.dev) {
  const dev = readSkillSkape(join(shared, 'bench', 'skillskape', 'dev.csv'), docs).queries;
  const signals = await rankingSignals(index, await embedQueries(embedder, dev, { cacheDir, dataLabel: 'skillskape-dev' }));
  const score = (ranker?: Ranker) => averageScores(dev.map((q, i) => ({
    ranked: rankSignals(index, signals[i]!, { first: CANDIDATES, ranker }).map((r) => r.concept.uri),
    relevant: q.relevant,
  })));
  const line = (name: string, s: ReturnType<typeof score>) => say(`dev ${name}: RP@1 ${s.rp1.toFixed(3)} RP@5 ${s.rp5.toFixed(3)} RP@10 ${s.rp10.toFixed(3)} MRR ${s.mrr.toFixed(3)}`);
  line('fusion', score());
  for (const [file, model] of models) line(fileURLToPath(file).split('/').pop()!, score(new Ranker(model)));
}

let differs = false;
for (const [file, model] of models) {
  const text = `${JSON.stringify(model, null, 1)}\n`;
  if (values.check) {
    const same = existsSync(file) && readFileSync(file, 'utf8') === text;
    say(`${fileURLToPath(file)}: ${same ? 'matches' : 'DIFFERS from'} what training produces`);
    differs ||= !same;
  } else {
    writeFileSync(file, text);
    say(`wrote ${fileURLToPath(file)} (${text.length} bytes, sha256 ${model.sha256})`);
  }
}
if (values.check) {
  for (const file of committedModelFiles()) {
    Ranker.load(file);
    say(`${fileURLToPath(file)}: hash and features hold`);
  }
}
process.exitCode = differs ? 1 : 0;
