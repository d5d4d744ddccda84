/**
 * Child process for the crash test: writes qualifications and review decisions as fast as it can, printing
 * each one's id once the write has returned, until it is killed.
 */
import { QualificationRepository } from '../src/qualifications/index.js';
import { EscoStore } from '../src/store/esco-store.js';

const [dataDir, token] = process.argv.slice(2) as [string, string];
const repository = await QualificationRepository.open({ store: new EscoStore(), dataDir, writeToken: token });
for (let n = 0; ; n++) {
  const q = await repository.create({ title: `crash test ${n}`, learningOutcomes: [`outcome ${n}`, 'second outcome'] }, token);
  const skill = `http://data.europa.eu/esco/skill/crash-${n}`;
  await repository.reviewLink({ qualification: q.id, outcome: q.learningOutcomes[0]!.id, skill, status: 'ACCEPTED' }, token);
  process.stdout.write(`${q.id} ${skill}\n`);
}
