/**
 * Trains the learned ranker for one embedding model and writes its committed models under `models/`:
 * `<model>.json` (SkillSkape train + ESCO-derived pairs) and `<model>.esco-only.json` (ESCO-derived pairs only,
 * which says how the ranker carries to text unlike job ads). `escograph ranker train --reviews` trains on the same
 * data (training-set.ts) plus a deployment's review decisions.
 * Usage: npm run ranker:train [-- --model <folder>] [-- --check] [-- --dev]
 *   --model  the sentence model whose cosines the ranker learns (a folder, as ESCOGRAPH_MODEL); default USE-lite
 *   --check  regenerate and compare with the committed files (exit 1 when they differ), and check every committed
 *            model's hash and features, so CI checks the models of weights it does not have
 *   --dev    also print each model's RP@1/5/10 / MRR on SkillSkape dev, and those of the same models trained with
 *            the occupation-description pairs as well, in one run (hyper-parameters are tuned there, never on test data)
 * Vectors (ESCO's and the training texts') are cached in <dataDir>/vectors, so a rerun costs minutes, not the embedding.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.js';
import { exactEmbedder } from '../create-embedder.js';
import { rankingSignals, rankSignals } from '../hybrid-ranker.js';
import { openLinkingStore } from '../linking-store.js';
import { averageScores } from '../ranking-metrics.js';
import { committedModelFiles, modelFile, Ranker, type RankerModel } from './model.js';
import { CANDIDATES } from './train.js';
import { baseTraining, openTrainingContext, trainModel } from './training-set.js';
import { embedQueries, readSkillSkape } from './training-data.js';

const { values } = parseArgs({ options: { check: { type: 'boolean' }, dev: { type: 'boolean' }, model: { type: 'string' } } });
const say = (line: string) => process.stderr.write(`${line}\n`);
const config = loadConfig();
const shared = process.env.ESCOGRAPH_SHARED ?? join(import.meta.dirname, '..', '..', '..', '..', 'shared');

const { store, version } = await openLinkingStore(config, join(shared, 'esco', 'v1.1.1'));
const context = await openTrainingContext(store, version, await exactEmbedder(values.model, config.dataDir), config.dataDir, say);
const { skillskape, escoLabels, occupations } = await baseTraining(context, join(shared, 'bench', 'skillskape', 'train.csv'));
const embedderModel = context.embedder.model;

// Occupation descriptions -> their essential skills are not in the committed models: on dev they lowered RP@5 from
// 0.392 to 0.329 (ESCO-only 0.266 to 0.241) with USE-lite; `--dev` measures them again.
const ESCO_DATA = 'ESCO alt labels and description sentences';
const models: [URL, RankerModel][] = [
  [modelFile(embedderModel), trainModel(context, [...skillskape, ...escoLabels], `SkillSkape train + ${ESCO_DATA}`)],
  [modelFile(embedderModel, 'esco-only'), trainModel(context, escoLabels, ESCO_DATA)],
];

if (values.dev) {
  const { index } = context;
  const dev = readSkillSkape(join(shared, 'bench', 'skillskape', 'dev.csv'), context.docs).queries;
  const signals = await rankingSignals(index, await embedQueries(context.embedder, dev, { cacheDir: context.cacheDir, dataLabel: 'skillskape-dev' }));
  const score = (ranker?: Ranker) => averageScores(dev.map((q, i) => ({
    ranked: rankSignals(index, signals[i]!, { first: CANDIDATES, ranker }).map((r) => r.concept.uri),
    relevant: q.relevant,
  })));
  const line = (name: string, s: ReturnType<typeof score>) => say(`dev ${name}: RP@1 ${s.rp1.toFixed(3)} RP@5 ${s.rp5.toFixed(3)} RP@10 ${s.rp10.toFixed(3)} MRR ${s.mrr.toFixed(3)}`);
  line('fusion', score());
  for (const [file, model] of models) line(fileURLToPath(file).split('/').pop()!, score(new Ranker(model)));
  // What the occupation descriptions would bring: the same models with them.
  line('with occupation descriptions, SkillSkape + ESCO', score(new Ranker(trainModel(context, [...skillskape, ...escoLabels, ...occupations], 'ablation'))));
  line('with occupation descriptions, ESCO only', score(new Ranker(trainModel(context, [...escoLabels, ...occupations], 'ablation'))));
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
