import { FEATURE_COUNT, FEATURE_NAMES } from './features.js';
import { modelHash, type RankerModel } from './model.js';

/** One training query: its candidates' feature rows (fusion order), which of them are gold and which a reviewer rejected. */
export interface TrainingQuery {
  rows: Float32Array;
  gold: boolean[];
  rejected?: boolean[];
  /** How many times its pairs count per epoch (default once). */
  weight?: number;
}

export interface TrainOptions {
  seed: number;
  epochs: number;
  learningRate: number;
  l2: number;
  /**
   * Per gold candidate: the hardest negatives (the fusion's best non-gold) and some drawn at random, beside every
   * candidate a reviewer rejected for the same text.
   */
  hardNegatives: number;
  randomNegatives: number;
  candidates: number;
  /** Recorded in the model file (data counts, sources). */
  about: Record<string, unknown>;
}

/** Fusion candidates the ranker reorders: a wide net is cheap (features for 200 concepts), a missed gold is lost. */
export const CANDIDATES = 200;

/**
 * Tuned on SkillSkape dev. No hard negatives: the fusion's best non-gold candidates are often near-synonyms of the
 * gold skill that the annotators happened not to pick, and learning to push them down cost 0.1–0.2 RP@5; 20
 * random negatives per gold candidate (40 ranked far worse: SGD on this data is sensitive, so the seed and
 * these values are fixed and the result checked on dev).
 */
export const DEFAULT_TRAIN_OPTIONS: Omit<TrainOptions, 'about' | 'candidates'> = {
  seed: 11,
  epochs: 16,
  learningRate: 0.05,
  l2: 1e-4,
  hardNegatives: 0,
  randomNegatives: 20,
};

/** A small seeded generator (mulberry32): the same data and seed give the same model on any machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rounded so that the file stays small and diffs read; far below what changes a ranking. */
const round = (x: number) => Number(x.toPrecision(6));

/**
 * Pairwise logistic regression (RankNet with a linear scorer): for a gold candidate and a non-gold one of the
 * same query, minimise log(1 + e^−(s⁺ − s⁻)). Pairs within a query make the model learn order, not the base rate
 * of gold skills, which differs between job ads, ESCO's own labels and learning outcomes.
 */
export function trainRanker(queries: TrainingQuery[], options: TrainOptions): RankerModel {
  const random = seededRandom(options.seed);
  const mean = new Float64Array(FEATURE_COUNT);
  const square = new Float64Array(FEATURE_COUNT);
  let count = 0;
  for (const { rows } of queries) {
    for (let r = 0; r < rows.length / FEATURE_COUNT; r++, count++) {
      for (let f = 0; f < FEATURE_COUNT; f++) {
        const value = rows[r * FEATURE_COUNT + f]!;
        mean[f] = mean[f]! + value;
        square[f] = square[f]! + value ** 2;
      }
    }
  }
  const m = Array.from(mean, (s) => round(s / Math.max(1, count)));
  const scale = Array.from(square, (s, f) => {
    const variance = s / Math.max(1, count) - m[f]! ** 2;
    return variance > 1e-12 ? round(Math.sqrt(variance)) : 1;
  });
  const x = (rows: Float32Array, r: number, f: number) => (rows[r * FEATURE_COUNT + f]! - m[f]!) / scale[f]!;
  const w = new Float64Array(FEATURE_COUNT);
  const usable = queries.filter((q) => q.gold.some(Boolean) && q.gold.some((g) => !g));
  /** One SGD step on the pair (gold `pos`, non-gold `neg`) of one query. */
  const step = (rows: Float32Array, pos: number, neg: number, lr: number) => {
    let d = 0;
    for (let f = 0; f < FEATURE_COUNT; f++) d += w[f]! * (x(rows, pos, f) - x(rows, neg, f));
    const g = -1 / (1 + Math.exp(d));
    for (let f = 0; f < FEATURE_COUNT; f++) w[f] = w[f]! - lr * (g * (x(rows, pos, f) - x(rows, neg, f)) + options.l2 * w[f]!);
  };
  let pairs = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const lr = options.learningRate / (1 + epoch);
    const order = shuffled(usable.length, random);
    for (const qi of order) {
      const { rows, gold, rejected, weight = 1 } = usable[qi]!;
      const negatives = gold.flatMap((g, i) => (g ? [] : [i]));
      const rejections = rejected?.flatMap((r, i) => (r ? [i] : [])) ?? [];
      for (let repeat = 0; repeat < weight; repeat++) {
        for (let pos = 0; pos < gold.length; pos++) {
          if (!gold[pos]) continue;
          const drawn = Array.from({ length: options.randomNegatives }, () => negatives[Math.floor(random() * negatives.length)]!);
          for (const neg of [...negatives.slice(0, options.hardNegatives), ...drawn, ...rejections]) {
            step(rows, pos, neg, lr);
            if (epoch === 0) pairs++;
          }
        }
      }
    }
  }
  const model: RankerModel = {
    format: 1,
    features: [...FEATURE_NAMES],
    candidates: options.candidates,
    mean: m,
    scale,
    weights: Array.from(w, round),
    training: {
      ...options.about,
      queries: usable.length,
      pairsPerEpoch: pairs,
      seed: options.seed,
      epochs: options.epochs,
      learningRate: options.learningRate,
      l2: options.l2,
      hardNegatives: options.hardNegatives,
      randomNegatives: options.randomNegatives,
    },
  };
  return { ...model, sha256: modelHash(model) };
}

function shuffled(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
