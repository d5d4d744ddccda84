import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { LearningOutcome } from '../../qualifications/qualification.js';
import type { EscoStore } from '../../store/esco-store.js';
import { occupationEssentialSkills } from '../../store/queries/ranker-training.js';
import type { ConceptIndex } from '../concept-index.js';
import type { ConceptDoc } from '../concept-texts.js';
import { type Embedder, queryEncoder } from '../embedder.js';
import { type FusionWeights, fuseQuery, fusionOrder, type QueryText, rankingSignals } from '../hybrid-ranker.js';
import { queryTexts } from '../query-parts.js';
import { buildVectors, type VectorBuildOptions } from '../vector-cache.js';
import { candidateFeatures } from './features.js';
import { seededRandom, type TrainingQuery } from './train.js';

/** A text with the URIs of the concepts it should be linked to, and of those it should not (a reviewer's rejections). */
export interface GoldQuery {
  text: string;
  relevant: Set<string>;
  rejected?: Set<string>;
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

/** Per occupation, the skills it lists as essential, sorted: the same store gives the same pairs. */
export async function essentialSkills(store: EscoStore, version?: string): Promise<Map<string, string[]>> {
  const byOccupation = new Map<string, string[]>();
  for (const row of await store.select(occupationEssentialSkills(), version)) {
    const occupation = row.occupation!.value;
    byOccupation.set(occupation, [...(byOccupation.get(occupation) ?? []), row.skill!.value]);
  }
  return new Map([...byOccupation].map(([occupation, skills]) => [occupation, skills.sort()]));
}

/**
 * ESCO's occupation descriptions ("Technical directors coordinate the operations of various production units, such
 * as scene, wardrobe, sound and lighting…") with that occupation's essential skills as gold: of all that ESCO gives,
 * the text most like a job ad or a learning outcome, several skills per text. `count` occupations drawn with a
 * fixed seed, among those with a description and an essential skill that is one of `skills`.
 */
export function occupationPairs(occupations: ConceptDoc[], essential: Map<string, string[]>, skills: ConceptDoc[], count: number, seed: number): GoldQuery[] {
  const known = new Set(skills.map((doc) => doc.uri));
  const usable = occupations.flatMap((doc) => {
    const relevant = new Set((essential.get(doc.uri) ?? []).filter((uri) => known.has(uri)));
    return doc.description && relevant.size > 0 ? [{ text: doc.description.replace(/\s+/g, ' '), relevant }] : [];
  });
  const random = seededRandom(seed);
  for (let i = usable.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [usable[i], usable[j]] = [usable[j]!, usable[i]!];
  }
  return usable.slice(0, count);
}

/**
 * A deployment's review decisions as training queries: a learning outcome's text, the skills reviewers accepted
 * as gold and those they rejected as explicit negatives. Outcomes without a decision say nothing.
 */
export function reviewQueries(outcomes: LearningOutcome[]): GoldQuery[] {
  return outcomes
    .filter((o) => o.acceptedSkills.length + o.rejectedSkills.length > 0)
    .map((o) => ({ text: o.text, relevant: new Set(o.acceptedSkills), rejected: new Set(o.rejectedSkills) }));
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
      const { relevant, rejected } = queries[start + i]!;
      const uris = head.map((c) => index.docs[c]!.uri);
      out.push({ rows: candidateFeatures(index, fused, head), gold: uris.map((uri) => relevant.has(uri)), rejected: rejected && uris.map((uri) => rejected.has(uri)) });
    });
  }
  return out;
}
