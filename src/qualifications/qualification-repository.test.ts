import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
    // The sample's first thematic area and its NQF level concept (RQF Level 6).
    expect(q).toMatchObject({ eqfLevel: 6, iscedFCode: '003', nqfLevel: 'http://data.europa.eu/snb/qdr/c_c392e7a2', language: 'en', source: 'Sample-MC-Annex1-unsigned.jsonld' });
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
    const [withLevels] = repository.importCsv('title,learning_outcomes,isced_f_code,nqf_level\nCoding,- Write code.,0613,Level 6\n', TOKEN);
    expect(withLevels).toMatchObject({ iscedFCode: '0613', nqfLevel: 'Level 6' });
    expect(() => repository.importCsv('title,learning_outcomes,isced_f_code\nCoding,- Write code.,613\n', TOKEN)).toThrow(/qualification 1 is invalid: iscedFCode/);
    expect(() => repository.importCsv('name\nx\n', TOKEN)).toThrow(/no "title" column/);
    expect(() => repository.importCsv('title,learning_outcomes,eqf_level\nA,b c,high\n', TOKEN)).toThrow(/row 2: eqf_level is not a number/);
  });

  it('updates fields (null removes one), keeps outcomes and decisions, and deletes a qualification with its decisions', () => {
    const repository = QualificationRepository.open({ store: realStore(), dataDir: tempDir(), writeToken: TOKEN });
    const q = repository.create({ title: 'Web design', learningOutcomes: ['Develop digital content.'], eqfLevel: 4, credits: 5, iscedFCode: '0613', nqfLevel: 'RQF Level 4' }, TOKEN);
    expect(q).toMatchObject({ eqfLevel: 4, iscedFCode: '0613', nqfLevel: 'RQF Level 4' });
    const outcome = q.learningOutcomes[0]!.id;
    repository.reviewLink({ qualification: q.id, outcome, skill: SKILL, status: 'ACCEPTED' }, TOKEN);
    const nqf = 'http://data.europa.eu/snb/qdr/c_c392e7a2';
    const updated = repository.update(q.id, { title: 'Web design II', eqfLevel: 5, nqfLevel: nqf, credits: null }, TOKEN);
    expect(updated).toMatchObject({ id: q.id, title: 'Web design II', eqfLevel: 5, iscedFCode: '0613', nqfLevel: nqf, skills: [SKILL] });
    expect(updated.credits).toBeUndefined();
    expect(updated.learningOutcomes).toEqual(repository.get(q.id)!.learningOutcomes);
    expect(updated.learningOutcomes[0]).toMatchObject({ id: outcome, acceptedSkills: [SKILL] });
    expect(updated.modifiedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(repository.delete(q.id, TOKEN)).toBe(q.id);
    expect(repository.get(q.id)).toBeUndefined();
    expect(repository.list().map((x) => x.id)).not.toContain(q.id);
    // Nothing of it is left in the graph: no outcome, no decision.
    const left = realStore().store.query(`SELECT * WHERE { GRAPH <urn:escograph:qualifications> { ?s ?p ?o FILTER(STRSTARTS(STR(?s), "${q.id}")) } }`) as unknown[];
    expect(left).toEqual([]);
    expect(() => repository.reviewLink({ qualification: q.id, outcome, skill: SKILL, status: 'ACCEPTED' }, TOKEN)).toThrow(`no qualification ${q.id}`);
  });

  it('refuses updates and deletes of an unknown id naming it, bad fields naming them, and any without the token', () => {
    const dataDir = tempDir();
    const repository = QualificationRepository.open({ store: realStore(), dataDir, writeToken: TOKEN });
    const unknown = 'urn:escograph:qualification:00000000-0000-0000-0000-000000000000';
    expect(() => repository.update(unknown, { title: 'x' }, TOKEN)).toThrow(`no qualification ${unknown}`);
    expect(() => repository.delete(unknown, TOKEN)).toThrow(QualificationError);
    expect(() => repository.delete(unknown, TOKEN)).toThrow(unknown);
    const q = repository.create({ title: 'T', learningOutcomes: ['x y'] }, TOKEN);
    expect(() => repository.update(q.id, {}, TOKEN)).toThrow(/at least one field/);
    expect(() => repository.update(q.id, { title: null }, TOKEN)).toThrow(/title/);
    expect(() => repository.update(q.id, { iscedFCode: '613' }, TOKEN)).toThrow(/iscedFCode must be an ISCED-F 2013 field code/);
    expect(() => repository.update(q.id, { iscedFCode: '06131' }, TOKEN)).toThrow(/iscedFCode/);
    expect(() => repository.update(q.id, { nqfLevel: 'x'.repeat(51) }, TOKEN)).toThrow(/nqfLevel/);
    expect(() => repository.update(q.id, { eqfLevel: 9 }, TOKEN)).toThrow(/eqfLevel/);
    expect(() => repository.create({ title: 'T', learningOutcomes: [], iscedFCode: 'ICT' }, TOKEN)).toThrow(/iscedFCode/);
    for (const code of ['06', '061', '0613', '10', '1015', '99']) expect(repository.update(q.id, { iscedFCode: code }, TOKEN).iscedFCode).toBe(code);
    expect(() => repository.update(q.id, { title: 'U' }, 'wrong-token-12345')).toThrow(WriteRefusedError);
    expect(() => repository.delete(q.id, undefined)).toThrow(WriteRefusedError);
    const readOnly = QualificationRepository.open({ store: new EscoStore(), dataDir: tempDir() });
    expect(() => readOnly.delete(q.id, TOKEN)).toThrow(/read-only/);
    // Refused writes journal nothing: only the create and the six accepted updates.
    expect(readFileSync(journalFile(dataDir), 'utf8').trim().split('\n')).toHaveLength(7);
  });

  it('restores exactly the same state from the journal: create, review, update, delete another', () => {
    const dataDir = tempDir();
    const repository = QualificationRepository.open({ store: new EscoStore(), dataDir, writeToken: TOKEN });
    const kept = repository.create({ title: 'Kept', description: 'd', learningOutcomes: ['One.', 'Two.'], eqfLevel: 3, language: 'en' }, TOKEN);
    const gone = repository.create({ title: 'Gone', learningOutcomes: ['Three.'] }, TOKEN);
    repository.reviewLink({ qualification: kept.id, outcome: kept.learningOutcomes[1]!.id, skill: SKILL, status: 'REJECTED' }, TOKEN);
    repository.reviewLink({ qualification: gone.id, outcome: gone.learningOutcomes[0]!.id, skill: SKILL, status: 'ACCEPTED' }, TOKEN);
    repository.update(kept.id, { description: null, iscedFCode: '0613', nqfLevel: 'Level 5 (national)', awardingBody: 'A school' }, TOKEN);
    repository.delete(gone.id, TOKEN);
    const before = repository.list();
    repository.close();
    const reopened = QualificationRepository.open({ store: new EscoStore(), dataDir });
    expect(reopened.list()).toEqual(before);
    expect(before).toHaveLength(1);
    expect(before[0]!.description).toBeUndefined();
    expect(before[0]).toMatchObject({ title: 'Kept', iscedFCode: '0613', nqfLevel: 'Level 5 (national)', awardingBody: 'A school' });
  });

  it('replays a journal written by the previous version (create and review events only)', () => {
    const dataDir = tempDir();
    const id = 'urn:escograph:qualification:3f1c2b9e-8d7a-4c65-9b1e-0a2d4f6e8c10';
    const lines = [
      { type: 'create', qualification: { id, title: 'Old course', eqfLevel: 5, credits: 7.5, language: 'en', createdAt: '2025-01-02T03:04:05.000Z', learningOutcomes: [{ id: `${id}:outcome:1`, text: 'Develop digital content.', acceptedSkills: [SKILL] }, { id: `${id}:outcome:2`, text: 'Use HTML.', acceptedSkills: [] }] } },
      { type: 'review', qualification: id, outcome: `${id}:outcome:2`, skill: SKILL, status: 'REJECTED', at: '2025-01-02T03:05:00.000Z' },
    ];
    mkdirSync(dirname(journalFile(dataDir)), { recursive: true });
    writeFileSync(journalFile(dataDir), lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    const repository = QualificationRepository.open({ store: new EscoStore(), dataDir, writeToken: TOKEN });
    expect(repository.get(id)).toMatchObject({ title: 'Old course', eqfLevel: 5, credits: 7.5, language: 'en', skills: [SKILL] });
    expect(Date.parse(repository.get(id)!.createdAt)).toBe(Date.parse('2025-01-02T03:04:05.000Z'));
    expect(repository.get(id)!.learningOutcomes.map((o) => [o.acceptedSkills, o.rejectedSkills])).toEqual([[[SKILL], []], [[], [SKILL]]]);
    expect(repository.update(id, { iscedFCode: '0611' }, TOKEN).iscedFCode).toBe('0611');
  });

  it('refuses to replay a journal event it does not know, rather than lose it', () => {
    const dataDir = tempDir();
    mkdirSync(dirname(journalFile(dataDir)), { recursive: true });
    writeFileSync(journalFile(dataDir), '{"type":"rename","qualification":"urn:x"}\n');
    expect(() => QualificationRepository.open({ store: new EscoStore(), dataDir })).toThrow(/does not know/);
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
