import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realStore } from '../../test/real-store.js';
import { sharedPath } from '../../test/shared-data.js';
import { EscoStore } from '../store/esco-store.js';
import { QualificationError, QualificationRepository, WriteRefusedError, journalFile } from './index.js';

const TOKEN = 'test-token-123456';
const tempDir = () => mkdtempSync(join(tmpdir(), 'escograph-qualifications-'));
const SKILL = 'http://data.europa.eu/esco/skill/5fd5c985-eaaa-47aa-8314-62359c54505a'; // develop digital content

describe('QualificationRepository', () => {
  it('creates a qualification in the qualifications graph, records reviews, and keeps both across a restart', () => {
    const dataDir = tempDir();
    const repository = QualificationRepository.open({ store: realStore(), dataDir, writeToken: TOKEN });
    const created = repository.create(
      { title: 'Web design', description: 'A short course', learningOutcomes: ['Develop digital content.', 'Use HTML.'], eqfLevel: 5, credits: 7.5, language: 'en', awardingBody: 'A school' },
      TOKEN,
    );
    expect(created).toMatchObject({ title: 'Web design', eqfLevel: 5, credits: 7.5, language: 'en', awardingBody: 'A school', skills: [] });
    const [first, second] = created.learningOutcomes;
    repository.reviewLink({ qualification: created.id, outcome: first!.id, skill: SKILL, status: 'ACCEPTED' }, TOKEN);
    const rejected = repository.reviewLink({ qualification: created.id, outcome: second!.id, skill: SKILL, status: 'REJECTED' }, TOKEN);
    expect(rejected.rejectedSkills).toEqual([SKILL]);
    repository.close();

    // A fresh store and repository: everything comes back from the journal.
    const reopened = QualificationRepository.open({ store: new EscoStore(), dataDir });
    const back = reopened.get(created.id)!;
    expect(back.learningOutcomes.map((o) => [o.text, o.acceptedSkills, o.rejectedSkills])).toEqual([
      ['Develop digital content.', [SKILL], []],
      ['Use HTML.', [], [SKILL]],
    ]);
    expect(back.skills).toEqual([SKILL]);
    expect(reopened.list().map((q) => q.id)).toEqual([created.id]);
  });

  it('lets a later review replace an earlier one for the same outcome and skill', () => {
    const repository = QualificationRepository.open({ store: realStore(), dataDir: tempDir(), writeToken: TOKEN });
    const q = repository.create({ title: 'T', learningOutcomes: ['Develop digital content.'] }, TOKEN);
    const outcome = q.learningOutcomes[0]!.id;
    repository.reviewLink({ qualification: q.id, outcome, skill: SKILL, status: 'ACCEPTED' }, TOKEN);
    const after = repository.reviewLink({ qualification: q.id, outcome, skill: SKILL, status: 'REJECTED' }, TOKEN);
    expect(after).toMatchObject({ acceptedSkills: [], rejectedSkills: [SKILL] });
    expect(repository.get(q.id)!.skills).toEqual([]);
  });

  it('refuses writes without a configured token, and with a wrong one, writing nothing', () => {
    const dataDir = tempDir();
    const readOnly = QualificationRepository.open({ store: new EscoStore(), dataDir });
    expect(() => readOnly.create({ title: 'T', learningOutcomes: [] }, TOKEN)).toThrow(WriteRefusedError);
    const guarded = QualificationRepository.open({ store: new EscoStore(), dataDir, writeToken: TOKEN });
    expect(() => guarded.create({ title: 'T', learningOutcomes: [] }, 'wrong-token-12345')).toThrow(/missing or wrong write token/);
    expect(() => guarded.create({ title: 'T', learningOutcomes: [] }, undefined)).toThrow(WriteRefusedError);
    expect(guarded.list()).toEqual([]);
  });

  it('refuses bad input naming the problem: empty title, EQF level 9, unknown skill, unknown outcome', () => {
    const repository = QualificationRepository.open({ store: realStore(), dataDir: tempDir(), writeToken: TOKEN });
    expect(() => repository.create({ title: ' ', learningOutcomes: [] }, TOKEN)).toThrow(/title is empty/);
    expect(() => repository.create({ title: 'T', learningOutcomes: [], eqfLevel: 9 }, TOKEN)).toThrow(/eqfLevel/);
    const q = repository.create({ title: 'T', learningOutcomes: ['x y'] }, TOKEN);
    const outcome = q.learningOutcomes[0]!.id;
    expect(() => repository.reviewLink({ qualification: q.id, outcome, skill: 'http://data.europa.eu/esco/skill/nope', status: 'ACCEPTED' }, TOKEN)).toThrow(/not an ESCO skill/);
    expect(() => repository.reviewLink({ qualification: q.id, outcome: `${outcome}9`, skill: SKILL, status: 'ACCEPTED' }, TOKEN)).toThrow(QualificationError);
    expect(() => repository.reviewLink({ qualification: q.id, outcome, skill: 'not an iri', status: 'ACCEPTED' }, TOKEN)).toThrow(/not a valid IRI/);
  });

  it('imports the ELM v3 sample credentials with their related ESCO skills as accepted links', () => {
    const repository = QualificationRepository.open({ store: realStore(), dataDir: tempDir(), writeToken: TOKEN });
    const file = sharedPath('elm', 'Credentials', 'JSON-LD Examples (ELM v3)', 'Sample-MC-Annex1-unsigned.jsonld');
    const [q] = repository.importCredential(readFileSync(file, 'utf8'), TOKEN, 'Sample-MC-Annex1-unsigned.jsonld');
    const gold = (JSON.parse(readFileSync(sharedPath('elm', 'elm_learning_outcome_esco_skill_pairs.json'), 'utf8')) as { source: string; title: { en: string }; escoSkills: { uri: string }[] }[])
      .filter((pair) => pair.source.endsWith('Sample-MC-Annex1-unsigned.jsonld'));
    expect(q!.learningOutcomes.map((o) => o.text)).toEqual(gold.map((pair) => pair.title.en));
    expect(q!.learningOutcomes.map((o) => [...o.acceptedSkills].sort())).toEqual(gold.map((pair) => pair.escoSkills.map((s) => s.uri).sort()));
    expect(q).toMatchObject({ eqfLevel: expect.any(Number), language: 'en', source: 'Sample-MC-Annex1-unsigned.jsonld' });
    expect(() => repository.importCredential('{"not": "a credential"}', TOKEN)).toThrow(/no credentialSubject/);
    expect(() => repository.importCredential('{', TOKEN)).toThrow(/not valid JSON/);
  });

  it('imports a simple CSV, splitting each row\'s learning outcomes', () => {
    const repository = QualificationRepository.open({ store: new EscoStore(), dataDir: tempDir(), writeToken: TOKEN });
    const csv = 'title,learning_outcomes,eqf_level,credits,language,awarding_body\n' +
      '"Cooking","- Prepare meals.\n- Clean the kitchen; order supplies.",4,30,en,Chef school\n';
    const [q] = repository.importCsv(csv, TOKEN);
    expect(q!.learningOutcomes.map((o) => o.text)).toEqual(['Prepare meals.', 'Clean the kitchen', 'order supplies.']);
    expect(q).toMatchObject({ title: 'Cooking', eqfLevel: 4, credits: 30, awardingBody: 'Chef school' });
    expect(() => repository.importCsv('name\nx\n', TOKEN)).toThrow(/no "title" column/);
    expect(() => repository.importCsv('title,learning_outcomes,eqf_level\nA,b c,high\n', TOKEN)).toThrow(/row 2: eqf_level is not a number/);
  });

  it('keeps every acknowledged write when the writer is killed with SIGKILL mid-write', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', '..', 'test', 'qualification-writer.ts'), dataDir, TOKEN], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acknowledged: string[] = [];
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited early with ${code}`))));
      child.stdout!.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        acknowledged.push(...lines);
        if (acknowledged.length >= 30) child.kill('SIGKILL');
      });
    });
    const repository = QualificationRepository.open({ store: new EscoStore(), dataDir, writeToken: TOKEN });
    for (const line of acknowledged) {
      const [id, skill] = line.split(' ');
      expect(repository.get(id!)?.skills).toEqual([skill]);
    }
    // The journal is whole again: a new write after the crash reads back after another restart.
    const after = repository.create({ title: 'after the crash', learningOutcomes: ['x y'] }, TOKEN);
    repository.close();
    expect(QualificationRepository.open({ store: new EscoStore(), dataDir }).get(after.id)?.title).toBe('after the crash');
    expect(readFileSync(journalFile(dataDir), 'utf8').endsWith('\n')).toBe(true);
  });
});
