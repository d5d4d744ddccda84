import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EscoStore } from '../../store/esco-store.js';
import { vectorBuildLog } from '../build-progress.js';
import { ConceptIndex } from '../concept-index.js';
import { type ConceptDoc, loadConceptDocs } from '../concept-texts.js';
import type { Embedder } from '../embedder.js';
import { DEFAULT_FUSION } from '../hybrid-ranker.js';
import type { RankerModel } from './model.js';
import { CANDIDATES, DEFAULT_TRAIN_OPTIONS, trainRanker, type TrainingQuery } from './train.js';
import { embedQueries, escoPairs, essentialSkills, type GoldQuery, occupationPairs, readSkillSkape, trainingQueries } from './training-data.js';

/** ESCO-derived pairs drawn per kind; more alternative labels or description sentences gave no gain on dev. */
export const ESCO_PAIRS = { altLabels: 2000, descriptions: 2000, occupations: 3000 };
/**
 * SkillSkape train sentences used (the first ones of the file): with their enumeration parts 4,000 sentences are
 * ~20k texts to embed, several minutes with USE-lite; a linear model of ~40 features needs no more.
 */
export const SKILLSKAPE_SENTENCES = 4000;

/** The skills of one ESCO version indexed with one embedder: what every training query is ranked against. */
export interface TrainingContext {
  store: EscoStore;
  version: string;
  embedder: Embedder;
  docs: ConceptDoc[];
  index: ConceptIndex;
  /** Vectors of ESCO's and the training texts, `<dataDir>/vectors`, shared with linking; none: in memory only. */
  cacheDir?: string;
  say: (line: string) => void;
}

/** English skills, as the committed models are trained (SkillSkape is English); vectors from linking's cache. */
export async function openTrainingContext(store: EscoStore, version: string, embedder: Embedder, dataDir: string, say: (line: string) => void): Promise<TrainingContext> {
  const docs = await loadConceptDocs(store, 'Skill', ['en'], version);
  const cacheDir = join(dataDir, 'vectors');
  const index = await ConceptIndex.build(docs, embedder, { cacheDir, dataLabel: `esco-${version}-Skill-en`, onProgress: vectorBuildLog('skill', say) });
  return { store, version, embedder, docs, index, cacheDir, say };
}

/** Queries' fusion candidates with their features; the queries' vectors are cached under `dataLabel`. */
export async function queryFeatures(context: TrainingContext, queries: GoldQuery[], dataLabel: string): Promise<TrainingQuery[]> {
  const { embedder, cacheDir, index, say } = context;
  const embedded = await embedQueries(embedder, queries, { cacheDir, dataLabel, onProgress: vectorBuildLog(dataLabel, say) });
  return trainingQueries(index, queries, embedded, DEFAULT_FUSION, CANDIDATES);
}

/** The committed models' training data, per source. */
export interface BaseTraining {
  skillskape: TrainingQuery[];
  /** Alternative label → its skill, description sentence → its skill. */
  escoLabels: TrainingQuery[];
  /** Occupation description → its essential skills. */
  occupations: TrainingQuery[];
}

/** `skillskapeTrain`: SkillSkape's train.csv (`<ESCOGRAPH_SHARED>/bench/skillskape/train.csv`). */
export async function baseTraining(context: TrainingContext, skillskapeTrain: string): Promise<BaseTraining> {
  if (!existsSync(skillskapeTrain)) throw new Error(`no SkillSkape train file at ${skillskapeTrain}: the committed rankers are trained on it (set ESCOGRAPH_SHARED)`);
  const { store, version, docs, say } = context;
  const { seed } = DEFAULT_TRAIN_OPTIONS;
  const skillskape = readSkillSkape(skillskapeTrain, docs).queries.slice(0, SKILLSKAPE_SENTENCES);
  const labels = escoPairs(docs, ESCO_PAIRS, seed);
  const occupations = occupationPairs(await loadConceptDocs(store, 'Occupation', ['en'], version, false), await essentialSkills(store, version), docs, ESCO_PAIRS.occupations, seed);
  say(`training texts: ${skillskape.length} SkillSkape train sentences, ${labels.length} ESCO label and description pairs, ${occupations.length} occupation descriptions`);
  return {
    escoLabels: await queryFeatures(context, labels, `esco-pairs-${seed}-${ESCO_PAIRS.altLabels}-${ESCO_PAIRS.descriptions}`),
    occupations: await queryFeatures(context, occupations, `esco-occupations-${seed}-${ESCO_PAIRS.occupations}`),
    skillskape: await queryFeatures(context, skillskape, `skillskape-train-${SKILLSKAPE_SENTENCES}`),
  };
}

/** A model over `queries`, its `training` block saying where they came from (`data`, plus `extra`). */
export function trainModel(context: TrainingContext, queries: TrainingQuery[], data: string, extra: Record<string, unknown> = {}): RankerModel {
  const about = { esco: `ESCO ${context.version}`, embedder: context.embedder.model, fusion: DEFAULT_FUSION, data, ...extra };
  return trainRanker(queries, { ...DEFAULT_TRAIN_OPTIONS, candidates: CANDIDATES, about });
}
