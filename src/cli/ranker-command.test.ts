import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realStore, realStoreEnv } from '../../test/real-store.js';
import { loadConfig } from '../config.js';
import { QualificationRepository } from '../qualifications/index.js';
import { reviewedOutcomes, runRankerTrain } from './ranker-command.js';

const TOKEN = 'test-token-123456';
const ACCEPTED = 'http://data.europa.eu/esco/skill/5fd5c985-eaaa-47aa-8314-62359c54505a'; // develop digital content
const REJECTED = 'http://data.europa.eu/esco/skill/0af062de-eb43-41e9-9b96-249e2cd22d26'; // use markup languages
const tempDir = () => mkdtempSync(join(tmpdir(), 'escograph-ranker-command-'));

describe('escograph ranker train --reviews', () => {
  // First: on a SPARQL server the decisions the other test writes are in the shared store, read by every later run.
  it('with no review decision, fails with a message saying so, before any training, and writes nothing', async () => {
    const dataDir = tempDir();
    const config = loadConfig({ dataDir, embedder: 'use-lite' }, await realStoreEnv(dataDir));
    await expect(runRankerTrain(config)).rejects.toThrow(/^no review decisions to train on: no learning outcome of the qualifications in .* has an accepted or rejected skill \(reviewLink\); nothing was trained or written$/);
    expect(existsSync(join(dataDir, 'ranker'))).toBe(false);
    expect(existsSync(join(dataDir, 'vectors'))).toBe(false);
  });

  it('reads the review decisions through the repository, on either store backend', async () => {
    const store = await realStore();
    const dataDir = tempDir();
    const repository = await QualificationRepository.open({ store, dataDir, writeToken: TOKEN });
    const q = await repository.create({ title: 'Web design', learningOutcomes: ['Build web pages in HTML.', 'Work in a team.'] }, TOKEN);
    const outcome = q.learningOutcomes[0]!.id;
    await repository.reviewLink({ qualification: q.id, outcome, skill: ACCEPTED, status: 'ACCEPTED' }, TOKEN);
    await repository.reviewLink({ qualification: q.id, outcome, skill: REJECTED, status: 'REJECTED' }, TOKEN);
    repository.close();
    // The outcome without a decision says nothing and is left out.
    expect(await reviewedOutcomes(store, dataDir)).toEqual([
      { id: outcome, text: 'Build web pages in HTML.', acceptedSkills: [ACCEPTED], rejectedSkills: [REJECTED] },
    ]);
  });
});
