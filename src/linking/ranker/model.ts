import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { FEATURE_COUNT, FEATURE_NAMES } from './features.js';

/** The committed model: trained by `npm run ranker:train`, loaded when linking starts. */
export const MODEL_FILE = new URL('./model.json', import.meta.url);

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

  static load(file: URL | string = MODEL_FILE): Ranker {
    const model = JSON.parse(readFileSync(file, 'utf8')) as RankerModel;
    if (model.sha256 !== modelHash(model)) throw new Error(`${String(file)} does not match its hash: regenerate it with "npm run ranker:train"`);
    return new Ranker(model);
  }
}
