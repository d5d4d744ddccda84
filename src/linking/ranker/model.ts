import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Embedder } from '../embedder.js';
import { FEATURE_COUNT, FEATURE_NAMES } from './features.js';

/** The committed models, one per embedding model, trained by `npm run ranker:train` and chosen when linking starts. */
export const MODELS_DIR = new URL('./models/', import.meta.url);

const fileName = (embedderModel: string, variant: 'all' | 'esco-only') =>
  `${embedderModel.replace(/[^A-Za-z0-9._-]+/g, '_')}${variant === 'all' ? '' : `.${variant}`}.json`;

/**
 * Per embedding model (its `Embedder.model`, whose cosines the features hold): `<model>.json` (SkillSkape train
 * + ESCO-derived pairs) and `<model>.esco-only.json` (ESCO-derived pairs only).
 */
export function modelFile(embedderModel: string, variant: 'all' | 'esco-only' = 'all'): URL {
  return new URL(fileName(embedderModel, variant), MODELS_DIR);
}

/**
 * A deployment's own model, `<dataDir>/ranker/<model>.json`, written by `escograph ranker train --reviews` (the
 * committed model's data plus the deployment's review decisions) and preferred over the committed one.
 */
export function deploymentModelFile(dataDir: string, embedderModel: string): URL {
  return pathToFileURL(join(dataDir, 'ranker', fileName(embedderModel, 'all')));
}

/** Every committed model file. */
export const committedModelFiles = (): URL[] => readdirSync(MODELS_DIR).filter((f) => f.endsWith('.json')).map((f) => new URL(f, MODELS_DIR));

/** A linear scorer over standardized features, as stored in `model.json`. */
export interface RankerModel {
  format: 1;
  features: string[];
  /** Fusion candidates it reorders: the first stage's best `candidates` concepts. */
  candidates: number;
  mean: number[];
  scale: number[];
  weights: number[];
  /** How it was trained: data counts, seed, hyper-parameters; not used for scoring. */
  training: Record<string, unknown>;
  /** SHA-256 of the fields above, so a hand edit or a stale regeneration is caught. */
  sha256?: string;
}

/** Canonical hash of a model's content: every field but `sha256`, numbers as stored. */
export function modelHash(model: RankerModel): string {
  const { sha256: _ignored, ...content } = model;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

export class Ranker {
  constructor(readonly model: RankerModel, retrain = '"npm run ranker:train"') {
    if (model.features.join() !== FEATURE_NAMES.join()) {
      throw new Error(`the ranker model was trained on other features (${model.features.length} vs ${FEATURE_COUNT}): run ${retrain}`);
    }
  }

  get candidates(): number {
    return this.model.candidates;
  }

  /** One score per row of `FEATURE_COUNT` features: higher ranks first. */
  score(rows: Float32Array): Float64Array {
    const { mean, scale, weights } = this.model;
    const out = new Float64Array(rows.length / FEATURE_COUNT);
    for (let r = 0; r < out.length; r++) {
      let z = 0;
      for (let f = 0; f < FEATURE_COUNT; f++) z += weights[f]! * (rows[r * FEATURE_COUNT + f]! - mean[f]!) / scale[f]!;
      out[r] = z;
    }
    return out;
  }

  /** `retrain` says how to make the file again, for the error when it fails a check. */
  static load(file: URL, retrain = '"npm run ranker:train"'): Ranker {
    const model = JSON.parse(readFileSync(file, 'utf8')) as RankerModel;
    if (model.sha256 !== modelHash(model)) throw new Error(`${fileURLToPath(file)} does not match its hash (changed after it was trained): regenerate it with ${retrain}`);
    return new Ranker(model, retrain);
  }
}

const RETRAIN_DEPLOYMENT = '"escograph ranker train --reviews" (or delete it to use the committed model)';

/**
 * The ranker trained on this embedder's cosines: the deployment's own (`deploymentModelFile`, trained with its
 * review decisions) when `dataDir` holds one, else the committed one; `log` says which. Cosine distributions
 * differ per model, so another model's ranker would misjudge them: without one for this model, the fusion ranks
 * alone, and `log` says so. None without vectors. A file that fails its checks stops startup rather than being
 * passed over: a deployment that trained its own ranker should not quietly lose it.
 */
export function rankerFor(embedder: Embedder | undefined, log: (line: string) => void = () => {}, dataDir?: string): Ranker | undefined {
  if (!embedder) return undefined;
  const own = dataDir === undefined ? undefined : deploymentModelFile(dataDir, embedder.model);
  const file = own && existsSync(own) ? own : modelFile(embedder.model);
  if (!existsSync(file)) {
    log(`no learned ranker for the model "${embedder.model}" (${fileURLToPath(file)}): skills are ranked by the fusion alone; ` +
      '"npm run ranker:train -- --model <folder>" trains one');
    return undefined;
  }
  const retrain = file === own ? RETRAIN_DEPLOYMENT : undefined;
  const ranker = Ranker.load(file, retrain);
  if (ranker.model.training.embedder !== embedder.model) {
    throw new Error(`${fileURLToPath(file)} was trained with "${String(ranker.model.training.embedder)}", not "${embedder.model}": run ${retrain ?? '"npm run ranker:train"'}`);
  }
  const reviews = ranker.model.training.reviews as { outcomes: number } | undefined;
  log(`learned ranker: ${fileURLToPath(file)} (${file === own ? `this deployment's, trained with the review decisions of ${reviews?.outcomes ?? 0} learning outcomes` : 'committed'})`);
  return ranker;
}
