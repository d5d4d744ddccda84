import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LearningOutcome } from '../../qualifications/qualification.js';
import { deploymentModelFile, type RankerModel } from './model.js';
import type { TrainingQuery } from './train.js';
import { queryFeatures, type TrainingContext, trainModel } from './training-set.js';
import { reviewQueries } from './training-data.js';

/**
 * How many times a reviewed outcome's pairs count per epoch, against once for a training sentence: a deployment
 * has tens to hundreds of reviewed outcomes beside ~11k training queries, and its experts' decisions on its own
 * texts are what it wants the ranker to follow. A judgment call, not tuned: there is no held-out set of reviews.
 */
export const REVIEW_WEIGHT = 10;

/** What a deployment's reviews hold: outcomes with a decision, and the decisions by kind. */
export interface ReviewCounts {
  outcomes: number;
  accepted: number;
  rejected: number;
}

export function reviewCounts(outcomes: LearningOutcome[]): ReviewCounts {
  const reviewed = reviewQueries(outcomes);
  const sum = (size: (q: (typeof reviewed)[number]) => number) => reviewed.reduce((total, q) => total + size(q), 0);
  return { outcomes: reviewed.length, accepted: sum((q) => q.relevant.size), rejected: sum((q) => q.rejected!.size) };
}

/**
 * `base` (the committed model's training queries) with the reviewed outcomes: each outcome's text ranked by the
 * fusion, its accepted skills gold, its rejected ones paired against each accepted one beside the usual random
 * negatives. A decision on a skill outside the fusion's candidates cannot be learned from (the ranker never sees
 * it): `inCandidates` counts those that can.
 */
export async function trainWithReviews(context: TrainingContext, base: TrainingQuery[], data: string, outcomes: LearningOutcome[]): Promise<RankerModel> {
  const reviewed = reviewQueries(outcomes);
  const features = await queryFeatures(context, reviewed, 'reviews');
  const inCandidates = features.reduce((n, q) => n + q.gold.filter(Boolean).length + (q.rejected?.filter(Boolean).length ?? 0), 0);
  const weighted = features.map((q) => ({ ...q, weight: REVIEW_WEIGHT }));
  return trainModel(context, [...base, ...weighted], `${data} + this deployment's review decisions`, {
    reviews: { ...reviewCounts(outcomes), inCandidates, weight: REVIEW_WEIGHT },
  });
}

/** Writes the deployment's model where `rankerFor` looks first; through a temporary file, so a reader never sees half. */
export function writeDeploymentModel(dataDir: string, model: RankerModel): string {
  const file = fileURLToPath(deploymentModelFile(dataDir, String(model.training.embedder)));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.partial`, `${JSON.stringify(model, null, 1)}\n`);
  renameSync(`${file}.partial`, file);
  return file;
}
