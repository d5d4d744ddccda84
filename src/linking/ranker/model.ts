import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Embedder } from '../embedder.js';
import { FEATURE_COUNT, FEATURE_NAMES } from './features.js';

/** The committed models, one per embedding model, trained by `npm run ranker:train` and chosen when linking starts. */
export const MODELS_DIR = new URL('./models/', import.meta.url);

/**
 * Per embedding model (its `Embedder.model`, whose cosines the features hold): `<model>.json` (SkillSkape train
 * + ESCO-derived pairs) and `<model>.esco-only.json` (ESCO-derived pairs only).
 */
export function modelFile(embedderModel: string, variant: 'all' | 'esco-only' = 'all'): URL {
  return new URL(`${embedderModel.replace(/[^A-Za-z0-9._-]+/g, '_')}${variant === 'all' ? '' : `.${variant}`}.json`, MODELS_DIR);
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
  constructor(readonly model: RankerModel) {
    if (model.features.join() !== FEATURE_NAMES.join()) {
      throw new Error(`the ranker model was trained on other features (${model.features.length} vs ${FEATURE_COUNT}): run "npm run ranker:train"`);
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

  static load(file: URL): Ranker {
    const model = JSON.parse(readFileSync(file, 'utf8')) as RankerModel;
    if (model.sha256 !== modelHash(model)) throw new Error(`${fileURLToPath(file)} does not match its hash: regenerate it with "npm run ranker:train"`);
    return new Ranker(model);
  }
}

/**
 * The ranker trained on this embedder's cosines. Cosine distributions differ per model, so another model's ranker
 * would misjudge them: without one for this model, the fusion ranks alone, and `log` says so. None without vectors.
 */
export function rankerFor(embedder: Embedder | undefined, log: (line: string) => void = () => {}): Ranker | undefined {
  if (!embedder) return undefined;
  const file = modelFile(embedder.model);
  if (!existsSync(file)) {
    log(`no learned ranker for the model "${embedder.model}" (${fileURLToPath(file)}): skills are ranked by the fusion alone; ` +
      '"npm run ranker:train -- --model <folder>" trains one');
    return undefined;
  }
  const ranker = Ranker.load(file);
  if (ranker.model.training.embedder !== embedder.model) {
    throw new Error(`${fileURLToPath(file)} was trained with "${String(ranker.model.training.embedder)}", not "${embedder.model}": run "npm run ranker:train"`);
  }
  return ranker;
}
