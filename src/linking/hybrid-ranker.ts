import { type ConceptIndex, FIELD_COUNT, type FieldCosines, type LexicalScores } from './concept-index.js';
import type { ConceptDoc } from './concept-texts.js';
import type { Ranker } from './ranker/model.js';
import { rerank } from './ranker/rerank.js';

/** What made a concept match: one of its texts by meaning, or the words it shares with the query. */
export type MatchedOn = 'LABEL' | 'ALT_LABEL' | 'DESCRIPTION' | 'LEXICAL';

export type RankingMode = 'hybrid' | 'vector' | 'lexical';

export interface RankedConcept {
  concept: ConceptDoc;
  /** In [0, 1]: the fusion's score, or the learned ranker's probability-like score for its candidates. */
  score: number;
  matchedOn: MatchedOn;
}

/** How the first stage mixes its signals; each signal is min-max normalized over all concepts per query text. */
export interface FusionWeights {
  /** Weights of the cosines with the preferred label, the alternative labels joined, and the description. */
  cosine: readonly [number, number, number];
  /** Weight of the description's BM25 beside the best label's (1). */
  descriptionBm25: number;
  /** Share of the vector signal; the rest is lexical. */
  vector: number;
  /** Share of the best enumeration part in a split query's score; 0 ranks by the whole text alone. */
  parts: number;
}

/**
 * The "simple baseline" of issue 11, kept as the reference the fusion must beat: max-over-labels BM25 + 0.3 ×
 * description BM25; cos(label) + cos(description) + 0.5 · cos(alternative labels); 0.4 · lexical + 0.6 · vector;
 * the whole text only.
 */
export const BASELINE_FUSION: FusionWeights = { cosine: [1, 0.5, 1], descriptionBm25: 0.3, vector: 0.6, parts: 0 };

/**
 * Tuned on SkillSkape dev only (`npm run bench:link -- --tune`, coordinate search): the joined alternative labels
 * overlap the preferred label's meaning, so they weigh less (0.25); the vectors carry a little more than the
 * baseline gives them (0.7); the parts more than in the earlier hybrid (0.6, flat from 0.4 to 0.6).
 */
export const DEFAULT_FUSION: FusionWeights = { cosine: [1, 0.25, 1], descriptionBm25: 0.3, vector: 0.7, parts: 0.6 };

export interface RankOptions {
  first: number;
  minScore?: number;
  mode?: RankingMode;
  fusion?: FusionWeights;
  /** Reorders the fusion's best candidates; without one (or without vectors) the fusion's order is final. */
  ranker?: Ranker;
}

const MATCHED_ON: MatchedOn[] = ['LABEL', 'ALT_LABEL', 'DESCRIPTION', 'LEXICAL'];
const LEXICAL = 3;

/** One text to rank by, with its vector when there is an embedder. */
export interface QueryText {
  text: string;
  vector?: Float32Array;
}

/** The signals of one text, computed once: fusion weights can then be varied cheaply (the benchmark's tuning). */
export interface TextSignals {
  text: string;
  vector?: FieldCosines;
  lexical: LexicalScores;
}

/** One text's normalized signals and fused score per concept, and which field made each concept match. */
export interface TextScores {
  fused: Float64Array;
  lexical: Float64Array;
  vector: Float64Array;
  matched: Uint8Array;
}

/** A query's fused scores: the whole text's and its parts' scores mixed, with each text's own scores kept. */
export interface FusedQuery {
  signals: TextSignals[];
  scores: Float64Array;
  matched: Uint8Array;
  texts: TextScores[];
}

/**
 * Signals of each query's texts (`queryTexts`: the whole text first, then its enumeration parts). The texts of all
 * queries share one vector scan: ranking a programme's outcomes together costs a few scans, not one per outcome.
 */
export async function rankingSignals(index: ConceptIndex, queries: QueryText[][], mode: RankingMode = 'hybrid'): Promise<TextSignals[][]> {
  const texts = queries.flat();
  const withVectors = mode !== 'lexical' && texts.length > 0 && texts.every((q) => q.vector);
  const vectors = withVectors ? await index.vectorScores(texts.map((q) => q.vector!)) : undefined;
  let position = 0;
  return queries.map((query) => query.map((q) => ({ text: q.text, vector: vectors?.[position++], lexical: index.lexicalScores(q.text) })));
}

/**
 * Ranks every concept of an index for each query: the single ranking behind the GraphQL resolvers, the CLI, the
 * analysis and the benchmark — fusion first, then the learned ranker over its best candidates.
 */
export async function rankConcepts(index: ConceptIndex, queries: QueryText[][], options: RankOptions): Promise<RankedConcept[][]> {
  return (await rankingSignals(index, queries, options.mode)).map((signals) => rankSignals(index, signals, options));
}

export function rankSignals(index: ConceptIndex, signals: TextSignals[], options: RankOptions): RankedConcept[] {
  const fused = fuseQuery(index, signals, options.fusion ?? DEFAULT_FUSION, options.mode);
  const useRanker = options.ranker && (options.mode ?? 'hybrid') === 'hybrid' && signals[0]?.vector;
  const ranked = useRanker ? rerank(index, fused, options.ranker!) : fusionOrder(fused);
  return ranked
    .filter(({ score }) => score > 0 && score >= (options.minScore ?? 0))
    .slice(0, options.first)
    .map(({ concept, score }) => ({ concept: index.docs[concept]!, score, matchedOn: MATCHED_ON[fused.matched[concept]!]! }));
}

/** Concept positions with a positive fused score, best first (ties by position, so the order is stable). */
export function fusionOrder(fused: FusedQuery): { concept: number; score: number }[] {
  const order: number[] = [];
  for (let c = 0; c < fused.scores.length; c++) if (fused.scores[c]! > 0) order.push(c);
  order.sort((a, b) => fused.scores[b]! - fused.scores[a]! || a - b);
  return order.map((concept) => ({ concept, score: fused.scores[concept]! }));
}

/**
 * Each text scores every concept by its own normalized signals; a split query's score is
 * `(1 − p) · whole + p · best part`, so a skill named by one part of an enumeration is not drowned by the part
 * the whole text's vector and BM25 favour.
 */
export function fuseQuery(index: ConceptIndex, signals: TextSignals[], weights: FusionWeights, mode: RankingMode = 'hybrid'): FusedQuery {
  const texts = signals.map((s) => textScores(index, s, weights, mode));
  const [whole, ...parts] = texts;
  const p = parts.length > 0 ? weights.parts : 0;
  const scores = new Float64Array(index.size);
  const matched = new Uint8Array(index.size);
  for (let c = 0; c < index.size; c++) {
    let best = parts[0];
    for (const part of parts) if (part.fused[c]! > best!.fused[c]!) best = part;
    const partScore = best ? best.fused[c]! : 0;
    scores[c] = (1 - p) * whole!.fused[c]! + p * partScore;
    matched[c] = best && p * partScore > (1 - p) * whole!.fused[c]! ? best.matched[c]! : whole!.matched[c]!;
  }
  return { signals, scores, matched, texts };
}

/** Min-max normalization over all concepts: each query text's signals on one scale, whatever its length. */
function normalized(values: Float64Array): Float64Array {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const range = max - min;
  return range > 0 ? values.map((v) => (v - min) / range) : values.fill(0);
}

function textScores(index: ConceptIndex, { vector, lexical }: TextSignals, weights: FusionWeights, mode: RankingMode): TextScores {
  const n = index.size;
  const lex = new Float64Array(n);
  for (const [c, score] of lexical.label) lex[c] = score;
  for (const [c, score] of lexical.description) lex[c] = lex[c]! + weights.descriptionBm25 * score;
  const vec = new Float64Array(n);
  const matched = new Uint8Array(n).fill(LEXICAL);
  if (vector) {
    for (let c = 0; c < n; c++) {
      let sum = 0;
      let best = -Infinity;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const part = weights.cosine[f]! * vector[c * FIELD_COUNT + f]!;
        sum += part;
        if (part > best) {
          best = part;
          matched[c] = f;
        }
      }
      vec[c] = sum;
    }
  }
  const lexical01 = normalized(lex);
  const vector01 = normalized(vec);
  const alpha = !vector || mode === 'lexical' ? 0 : mode === 'vector' ? 1 : weights.vector;
  const fused = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    fused[c] = alpha * vector01[c]! + (1 - alpha) * lexical01[c]!;
    if ((1 - alpha) * lexical01[c]! > alpha * vector01[c]!) matched[c] = LEXICAL;
  }
  return { fused, lexical: lexical01, vector: vector01, matched };
}
