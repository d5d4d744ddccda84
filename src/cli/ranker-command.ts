import { join } from 'node:path';
import type { Config } from '../config.js';
import { createEmbedder, openLinkingStore } from '../linking/index.js';
import { reviewCounts, trainWithReviews, writeDeploymentModel } from '../linking/ranker/deployment-model.js';
import { baseTraining, openTrainingContext } from '../linking/ranker/training-set.js';
import { type LearningOutcome, QualificationRepository } from '../qualifications/index.js';
import type { EscoStore } from '../store/esco-store.js';
import { storeLocation } from '../store/open-store.js';

export interface RankerTrainOptions {
  /** SkillSkape's train.csv, which the committed rankers are trained on (default under ESCOGRAPH_SHARED). */
  skillskape?: string;
}

const say = (line: string) => process.stderr.write(`escograph: ${line}\n`);

/**
 * The learning outcomes with a review decision, read through the repository: from the graph on a SPARQL server,
 * from the journal replayed into the graph on the embedded store.
 */
export async function reviewedOutcomes(store: EscoStore, dataDir: string): Promise<LearningOutcome[]> {
  const repository = await QualificationRepository.open({ store, dataDir });
  try {
    const outcomes = (await repository.list()).flatMap((q) => q.learningOutcomes);
    return outcomes.filter((o) => o.acceptedSkills.length + o.rejectedSkills.length > 0);
  } finally {
    repository.close();
  }
}

/**
 * `escograph ranker train --reviews`: the committed ranker's training data plus this deployment's review
 * decisions, for the configured embedder, written to `<dataDir>/ranker/<model>.json`, which linking then prefers.
 * Without a decision there is nothing to add: it fails before any training and writes nothing.
 */
export async function runRankerTrain(config: Config, options: RankerTrainOptions = {}): Promise<string> {
  const { store, version } = await openLinkingStore(config);
  const outcomes = await reviewedOutcomes(store, config.dataDir);
  if (outcomes.length === 0) {
    throw new Error(`no review decisions to train on: no learning outcome of the qualifications in ${storeLocation(config.store, config.dataDir)} ` +
      'has an accepted or rejected skill (reviewLink); nothing was trained or written');
  }
  const counts = reviewCounts(outcomes);
  say(`review decisions: ${counts.accepted} accepted and ${counts.rejected} rejected skills on ${counts.outcomes} learning outcomes`);
  const choice = await createEmbedder(config.embedder, { model: config.model, dataDir: config.dataDir });
  if (choice.notice) say(choice.notice);
  if (!choice.embedder) throw new Error('the learned ranker reorders vector and BM25 candidates: it needs an embedder, not "none"');
  const context = await openTrainingContext(store, version, choice.embedder, config.dataDir, say);
  const shared = process.env.ESCOGRAPH_SHARED ?? join(import.meta.dirname, '..', '..', '..', 'shared');
  const base = await baseTraining(context, options.skillskape ?? join(shared, 'bench', 'skillskape', 'train.csv'));
  const model = await trainWithReviews(context, [...base.skillskape, ...base.escoLabels], 'SkillSkape train + ESCO-derived pairs', outcomes);
  const file = writeDeploymentModel(config.dataDir, model);
  const { inCandidates } = model.training.reviews as { inCandidates: number };
  say(`wrote ${file} for "${choice.embedder.model}" (${inCandidates} of the ${counts.accepted + counts.rejected} decisions were among the fusion's candidates); linking prefers it from its next start`);
  return file;
}
