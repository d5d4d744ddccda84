import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { ConceptIndex } from '../concept-index.js';
import type { ConceptDoc } from '../concept-texts.js';
import { type Embedder, queryEncoder } from '../embedder.js';
import { type FusionWeights, fuseQuery, fusionOrder, type QueryText, rankingSignals } from '../hybrid-ranker.js';
import { queryTexts } from '../query-parts.js';
import { buildVectors, type VectorBuildOptions } from '../vector-cache.js';
import { candidateFeatures } from './features.js';
import { seededRandom, type TrainingQuery } from './train.js';

/** A text with the URIs of the concepts it should be linked to. */
export interface GoldQuery {
  text: string;
  relevant: Set<string>;
}

/** Python-style list of labels, e.g. ['C#', "Java (computer programming)"]. */
const pythonList = (text: string) =>
  [...text.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? m[2]!).replace(/\\(.)/g, '$1'));

/**
 * A SkillSkape CSV (`,sentence,skills`, skills as ESCO preferred labels): rows with no ESCO skill (`UNK` only)
 * are skipped, labels that are not preferred labels of this ESCO version are dropped and counted.
 */
export function readSkillSkape(file: string, docs: ConceptDoc[]): { queries: GoldQuery[]; rows: number; unknownOnly: number; unmapped: Set<string> } {
  const byLabel = new Map(docs.map((doc) => [doc.label.toLowerCase(), doc.uri]));
  const rows = parse(readFileSync(file), { columns: true, bom: true }) as { sentence: string; skills: string }[];
  let unknownOnly = 0;
  const unmapped = new Set<string>();
  const queries = rows.flatMap((row) => {
    const labels = pythonList(row.skills).filter((label) => label !== 'UNK');
    if (labels.length === 0) {
      unknownOnly++;
      return [];
    }
    const uris = labels.map((label) => byLabel.get(label.toLowerCase()) ?? (unmapped.add(label), undefined));
    return [{ text: row.sentence, relevant: new Set(uris.filter((u): u is string => !!u)) }];
  });
  return { queries, rows: rows.length, unknownOnly, unmapped };
}

/**
 * Pairs that ESCO itself gives, free to use anywhere: an alternative label names its skill, and a sentence of a
 * skill's description describes it. Drawn with a fixed seed, so a training run is reproducible.
 */
export function escoPairs(docs: ConceptDoc[], counts: { altLabels: number; descriptions: number }, seed: number): GoldQuery[] {
  const random = seededRandom(seed);
  const pick = <T>(items: T[], n: number) => Array.from({ length: Math.min(n, items.length) }, () => items[Math.floor(random() * items.length)]!);
  const alts = docs.flatMap((doc) => doc.altLabels.filter((alt) => alt.toLowerCase() !== doc.label.toLowerCase()).map((text) => ({ text, uri: doc.uri })));
  const sentences = docs.flatMap((doc) =>
    doc.description.split(/(?<=[.!?])\s+/u).filter((s) => s.length > 30).map((text) => ({ text, uri: doc.uri })));
  return [...pick(alts, counts.altLabels), ...pick(sentences, counts.descriptions)].map(({ text, uri }) => ({ text, relevant: new Set([uri]) }));
}

/**
 * Each query's texts (whole, then enumeration parts) with vectors, embedded once as queries (the model's query
 * prompt) and cached under `dataLabel`.
 */
export async function embedQueries(embedder: Embedder, queries: GoldQuery[], cache: VectorBuildOptions, language = 'en'): Promise<QueryText[][]> {
  const texts = queries.map((q) => queryTexts(q.text, language));
  const flat = texts.flat();
  const { matrix } = await buildVectors(queryEncoder(embedder), flat, cache);
  let row = 0;
  return texts.map((query) => query.map((text) => {
    const vector = matrix.subarray(row * embedder.dimension, (row + 1) * embedder.dimension);
    row++;
    return { text, vector };
  }));
}

/**
 * The fusion's best `candidates` per query with their features and gold flags: what the ranker learns from. In
 * batches, so the per-text cosines of a large training set are never all held at once.
 */
export async function trainingQueries(index: ConceptIndex, queries: GoldQuery[], embedded: QueryText[][], fusion: FusionWeights, candidates: number): Promise<TrainingQuery[]> {
  const out: TrainingQuery[] = [];
  const BATCH = 64;
  for (let start = 0; start < queries.length; start += BATCH) {
    const signals = await rankingSignals(index, embedded.slice(start, start + BATCH));
    signals.forEach((query, i) => {
      const fused = fuseQuery(index, query, fusion);
      const head = fusionOrder(fused).slice(0, candidates).map((h) => h.concept);
      if (head.length === 0) return;
      const relevant = queries[start + i]!.relevant;
      out.push({ rows: candidateFeatures(index, fused, head), gold: head.map((c) => relevant.has(index.docs[c]!.uri)) });
    });
  }
  return out;
}
