import type { ConceptIndex } from '../concept-index.js';
import { type FusedQuery, fusionOrder } from '../hybrid-ranker.js';
import { candidateFeatures } from './features.js';
import type { Ranker } from './model.js';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * The fusion's best candidates reordered by the ranker, scored in (0, 1); the concepts after them keep the
 * fusion's order, scaled to stay below the last candidate, so every page is the head of one ranking.
 */
export function rerank(index: ConceptIndex, fused: FusedQuery, ranker: Ranker): { concept: number; score: number }[] {
  const order = fusionOrder(fused);
  const head = order.slice(0, ranker.candidates);
  if (head.length === 0) return order;
  const z = ranker.score(candidateFeatures(index, fused, head.map((h) => h.concept)));
  const ranked = head.map((h, i) => ({ concept: h.concept, score: sigmoid(z[i]!) }));
  ranked.sort((a, b) => b.score - a.score || a.concept - b.concept);
  const floor = ranked[ranked.length - 1]!.score;
  const cut = head[head.length - 1]!.score;
  const tail = order.slice(ranker.candidates).map(({ concept, score }) => ({ concept, score: floor * (score / cut) * 0.999 }));
  return [...ranked, ...tail];
}
