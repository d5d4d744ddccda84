import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_BACKEND, realStore, reopenRealStore } from '../../test/real-store.js';
import { sharedPath } from '../../test/shared-data.js';
import { EscoStore } from '../store/esco-store.js';
import { selectRows } from '../store/tsv-rows.js';
import { QualificationError, QualificationRepository, WriteRefusedError, journalFile } from './index.js';

const TOKEN = 'test-token-123456';
const tempDir = () => mkdtempSync(join(tmpdir(), 'escograph-qualifications-'));
const SKILL = 'http://data.europa.eu/esco/skill/5fd5c985-eaaa-47aa-8314-62359c54505a'; // develop digital content

describe('QualificationRepository', () => {
  it('creates a qualification in the qualifications graph, records reviews, and keeps both across a restart', async () => {
    const dataDir = tempDir();
    const repository = await QualificationRepository.open({ store: await realStore(), dataDir, writeToken: TOKEN });
    const created = await repository.create(
      { title: 'Web design', description: 'A short course', learningOutcomes: ['Develop digital content.', 'Use HTML.'], eqfLevel: 5, credits: 7.5, language: 'en', awardingBody: 'A school' },
      TOKEN,
    );
    expect(created).toMatchObject({ title: 'Web design', eqfLevel: 5, credits: 7.5, language: 'en', awardingBody: 'A school', skills: [] });
    const [first, second] = created.learningOutcomes;
    await repository.reviewLink({ qualification: created.id, outcome: first!.id, skill: SKILL, status: 'ACCEPTED' }, TOKEN);
    const rejected = await repository.reviewLink({ qualification: created.id, outcome: second!.id, skill: SKILL, status: 'REJECTED' }, TOKEN);
    expect(rejected.rejectedSkills).toEqual([SKILL]);
    repository.close();

    // A restart: everything comes back, from the journal (embedded) or from the server.
    const reopened = await QualificationRepository.open({ store: await reopenRealStore(), dataDir });
    const back = (await reopened.get(created.id))!;
    expect(back.learningOutcomes.map((o) => [o.text, o.acceptedSkills, o.rejectedSkills])).toEqual([
      ['Develop digital content.', [SKILL], []],
      ['Use HTML.', [], [SKILL]],
    ]);
    expect(back.skills).toEqual([SKILL]);
    expect((await reopened.list()).map((q) => q.id)).toEqual([created.id]);
  });

  it('lets a later review replace an earlier one for the same outcome and skill', async () => {
    const repository = await QualificationRepository.open({ store: await realStore(), dataDir: tempDir(), writeToken: TOKEN });
    const q = await repository.create({ title: 'T', learningOutcomes: ['Develop digital content.'] }, TOKEN);
    const outcome = q.learningOutcomes[0]!.id;
    await repository.reviewLink({ qualification: q.id, outcome, skill: SKILL, status: 'ACCEPTED' }, TOKEN);
    const after = await repository.reviewLink({ qualification: q.id, outcome, skill: SKILL, status: 'REJECTED' }, TOKEN);
    expect(after).toMatchObject({ acceptedSkills: [], rejectedSkills: [SKILL] });
    expect((await repository.get(q.id))!.skills).toEqual([]);
  });

  it('refuses writes without a configured token, and with a wrong one, writing nothing', async () => {
    const dataDir = tempDir();
    const readOnly = await QualificationRepository.open({ store: new EscoStore(), dataDir });
    await expect(readOnly.create({ title: 'T', learningOutcomes: [] }, TOKEN)).rejects.toThrow(WriteRefusedError);
    const guarded = await QualificationRepository.open({ store: new EscoStore(), dataDir, writeToken: TOKEN });
    await expect(guarded.create({ title: 'T', learningOutcomes: [] }, 'wrong-token-12345')).rejects.toThrow(/missing or wrong write token/);
    await expect(guarded.create({ title: 'T', learningOutcomes: [] }, undefined)).rejects.toThrow(WriteRefusedError);
    expect(await guarded.list()).toEqual([]);
  });

  it('refuses bad input naming the problem: empty title, EQF level 9, unknown skill, unknown outcome', async () => {
    const repository = await QualificationRepository.open({ store: await realStore(), dataDir: tempDir(), writeToken: TOKEN });
    await expect(repository.create({ title: ' ', learningOutcomes: [] }, TOKEN)).rejects.toThrow(/title is empty/);
    await expect(repository.create({ title: 'T', learningOutcomes: [], eqfLevel: 9 }, TOKEN)).rejects.toThrow(/eqfLevel/);
    const q = await repository.create({ title: 'T', learningOutcomes: ['x y'] }, TOKEN);
    const outcome = q.learningOutcomes[0]!.id;
    await expect(repository.reviewLink({ qualification: q.id, outcome, skill: 'http://data.europa.eu/esco/skill/nope', status: 'ACCEPTED' }, TOKEN)).rejects.toThrow(/not an ESCO skill/);
    await expect(repository.reviewLink({ qualification: q.id, outcome: `${outcome}9`, skill: SKILL, status: 'ACCEPTED' }, TOKEN)).rejects.toThrow(QualificationError);
    await expect(repository.reviewLink({ qualification: q.id, outcome, skill: 'not an iri', status: 'ACCEPTED' }, TOKEN)).rejects.toThrow(/not a valid IRI/);
  });

  it('imports the ELM v3 sample credentials with their related ESCO skills as accepted links', async () => {
    const repository = await QualificationRepository.open({ store: await realStore(), dataDir: tempDir(), writeToken: TOKEN });
    const file = sharedPath('elm', 'Credentials', 'JSON-LD Examples (ELM v3)', 'Sample-MC-Annex1-unsigned.jsonld');
    const [q] = await repository.importCredential(readFileSync(file, 'utf8'), TOKEN, 'Sample-MC-Annex1-unsigned.jsonld');
    const gold = (JSON.parse(readFileSync(sharedPath('elm', 'elm_learning_outcome_esco_skill_pairs.json'), 'utf8')) as { source: string; title: { en: string }; escoSkills: { uri: string }[] }[])
      .filter((pair) => pair.source.endsWith('Sample-MC-Annex1-unsigned.jsonld'));
    expect(q!.learningOutcomes.map((o) => o.text)).toEqual(gold.map((pair) => pair.title.en));
    expect(q!.learningOutcomes.map((o) => [...o.acceptedSkills].sort())).toEqual(gold.map((pair) => pair.escoSkills.map((s) => s.uri).sort()));
    // The sample's first thematic area and its NQF level concept (RQF Level 6).
    expect(q).toMatchObject({ eqfLevel: 6, iscedFCode: '003', nqfLevel: 'http://data.europa.eu/snb/qdr/c_c392e7a2', language: 'en', source: 'Sample-MC-Annex1-unsigned.jsonld' });
    await expect(repository.importCredential('{"not": "a credential"}', TOKEN)).rejects.toThrow(/no credentialSubject/);
    await expect(repository.importCredential('{', TOKEN)).rejects.toThrow(/not valid JSON/);
  });

  it('imports a simple CSV, splitting each row\'s learning outcomes', async () => {
    const repository = await QualificationRepository.open({ store: new EscoStore(), dataDir: tempDir(), writeToken: TOKEN });
    const csv = 'title,learning_outcomes,eqf_level,credits,language,awarding_body\n' +
      '"Cooking","- Prepare meals.\n- Clean the kitchen; order supplies.",4,30,en,Chef school\n';
    const [q] = await repository.importCsv(csv, TOKEN);
    expect(q!.learningOutcomes.map((o) => o.text)).toEqual(['Prepare meals.', 'Clean the kitchen', 'order supplies.']);
    expect(q).toMatchObject({ title: 'Cooking', eqfLevel: 4, credits: 30, awardingBody: 'Chef school' });
    const [withLevels] = await repository.importCsv('title,learning_outcomes,isced_f_code,nqf_level\nCoding,- Write code.,0613,Level 6\n', TOKEN);
    expect(withLevels).toMatchObject({ iscedFCode: '0613', nqfLevel: 'Level 6' });
    await expect(repository.importCsv('title,learning_outcomes,isced_f_code\nCoding,- Write code.,613\n', TOKEN)).rejects.toThrow(/qualification 1 is invalid: iscedFCode/);
    await expect(repository.importCsv('name\nx\n', TOKEN)).rejects.toThrow(/no "title" column/);
    await expect(repository.importCsv('title,learning_outcomes,eqf_level\nA,b c,high\n', TOKEN)).rejects.toThrow(/row 2: eqf_level is not a number/);
  });

  it('updates fields (null removes one), keeps outcomes and decisions, and deletes a qualification with its decisions', async () => {
    const repository = await QualificationRepository.open({ store: await realStore(), dataDir: tempDir(), writeToken: TOKEN });
    const q = await repository.create({ title: 'Web design', learningOutcomes: ['Develop digital content.'], eqfLevel: 4, credits: 5, iscedFCode: '0613', nqfLevel: 'RQF Level 4' }, TOKEN);
    expect(q).toMatchObject({ eqfLevel: 4, iscedFCode: '0613', nqfLevel: 'RQF Level 4' });
    const outcome = q.learningOutcomes[0]!.id;
    await repository.reviewLink({ qualification: q.id, outcome, skill: SKILL, status: 'ACCEPTED' }, TOKEN);
    const nqf = 'http://data.europa.eu/snb/qdr/c_c392e7a2';
    const updated = await repository.update(q.id, { title: 'Web design II', eqfLevel: 5, nqfLevel: nqf, credits: null }, TOKEN);
    expect(updated).toMatchObject({ id: q.id, title: 'Web design II', eqfLevel: 5, iscedFCode: '0613', nqfLevel: nqf, skills: [SKILL] });
    expect(updated.credits).toBeUndefined();
    expect(updated.learningOutcomes).toEqual((await repository.get(q.id))!.learningOutcomes);
    expect(updated.learningOutcomes[0]).toMatchObject({ id: outcome, acceptedSkills: [SKILL] });
    expect(updated.modifiedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await repository.delete(q.id, TOKEN)).toBe(q.id);
    expect(await repository.get(q.id)).toBeUndefined();
    expect((await repository.list()).map((x) => x.id)).not.toContain(q.id);
    // Nothing of it is left in the graph: no outcome, no decision.
    const left = await selectRows((await realStore()).backend, `SELECT * WHERE { GRAPH <urn:escograph:qualifications> { ?s ?p ?o FILTER(STRSTARTS(STR(?s), "${q.id}")) } }`);
    expect(left).toEqual([]);
    await expect(repository.reviewLink({ qualification: q.id, outcome, skill: SKILL, status: 'ACCEPTED' }, TOKEN)).rejects.toThrow(`no qualification ${q.id}`);
  });

  it('refuses updates and deletes of an unknown id naming it, bad fields naming them, and any without the token', async () => {
    const dataDir = tempDir();
    const repository = await QualificationRepository.open({ store: await realStore(), dataDir, writeToken: TOKEN });
    const unknown = 'urn:escograph:qualification:00000000-0000-0000-0000-000000000000';
    await expect(repository.update(unknown, { title: 'x' }, TOKEN)).rejects.toThrow(`no qualification ${unknown}`);
    await expect(repository.delete(unknown, TOKEN)).rejects.toThrow(QualificationError);
    await expect(repository.delete(unknown, TOKEN)).rejects.toThrow(unknown);
    const q = await repository.create({ title: 'T', learningOutcomes: ['x y'] }, TOKEN);
    await expect(repository.update(q.id, {}, TOKEN)).rejects.toThrow(/at least one field/);
    await expect(repository.update(q.id, { title: null }, TOKEN)).rejects.toThrow(/title/);
    await expect(repository.update(q.id, { iscedFCode: '613' }, TOKEN)).rejects.toThrow(/iscedFCode must be an ISCED-F 2013 field code/);
    await expect(repository.update(q.id, { iscedFCode: '06131' }, TOKEN)).rejects.toThrow(/iscedFCode/);
    await expect(repository.update(q.id, { nqfLevel: 'x'.repeat(51) }, TOKEN)).rejects.toThrow(/nqfLevel/);
    await expect(repository.update(q.id, { eqfLevel: 9 }, TOKEN)).rejects.toThrow(/eqfLevel/);
    await expect(repository.create({ title: 'T', learningOutcomes: [], iscedFCode: 'ICT' }, TOKEN)).rejects.toThrow(/iscedFCode/);
    for (const code of ['06', '061', '0613', '10', '1015', '99']) expect((await repository.update(q.id, { iscedFCode: code }, TOKEN)).iscedFCode).toBe(code);
    await expect(repository.update(q.id, { title: 'U' }, 'wrong-token-12345')).rejects.toThrow(WriteRefusedError);
    await expect(repository.delete(q.id, undefined)).rejects.toThrow(WriteRefusedError);
    const readOnly = await QualificationRepository.open({ store: new EscoStore(), dataDir: tempDir() });
    await expect(readOnly.delete(q.id, TOKEN)).rejects.toThrow(/read-only/);
    // Refused writes journal nothing: only the create and the six accepted updates (a server has no journal).
    if (TEST_BACKEND === 'embedded') expect(readFileSync(journalFile(dataDir), 'utf8').trim().split('\n')).toHaveLength(7);
    expect(await repository.get(q.id)).toMatchObject({ title: 'T', iscedFCode: '99' });
  });

  it('restores exactly the same state from the journal: create, review, update, delete another', async () => {
    const dataDir = tempDir();
    const repository = await QualificationRepository.open({ store: new EscoStore(), dataDir, writeToken: TOKEN });
    const kept = await repository.create({ title: 'Kept', description: 'd', learningOutcomes: ['One.', 'Two.'], eqfLevel: 3, language: 'en' }, TOKEN);
    const gone = await repository.create({ title: 'Gone', learningOutcomes: ['Three.'] }, TOKEN);
    await repository.reviewLink({ qualification: kept.id, outcome: kept.learningOutcomes[1]!.id, skill: SKILL, status: 'REJECTED' }, TOKEN);
    await repository.reviewLink({ qualification: gone.id, outcome: gone.learningOutcomes[0]!.id, skill: SKILL, status: 'ACCEPTED' }, TOKEN);
    await repository.update(kept.id, { description: null, iscedFCode: '0613', nqfLevel: 'Level 5 (national)', awardingBody: 'A school' }, TOKEN);
    await repository.delete(gone.id, TOKEN);
    const before = await repository.list();
    repository.close();
    const reopened = await QualificationRepository.open({ store: new EscoStore(), dataDir });
    expect(await reopened.list()).toEqual(before);
    expect(before).toHaveLength(1);
    expect(before[0]!.description).toBeUndefined();
    expect(before[0]).toMatchObject({ title: 'Kept', iscedFCode: '0613', nqfLevel: 'Level 5 (national)', awardingBody: 'A school' });
  });

  it('replays a journal written by the previous version (create and review events only)', async () => {
    const dataDir = tempDir();
    const id = 'urn:escograph:qualification:3f1c2b9e-8d7a-4c65-9b1e-0a2d4f6e8c10';
    const lines = [
      { type: 'create', qualification: { id, title: 'Old course', eqfLevel: 5, credits: 7.5, language: 'en', createdAt: '2025-01-02T03:04:05.000Z', learningOutcomes: [{ id: `${id}:outcome:1`, text: 'Develop digital content.', acceptedSkills: [SKILL] }, { id: `${id}:outcome:2`, text: 'Use HTML.', acceptedSkills: [] }] } },
      { type: 'review', qualification: id, outcome: `${id}:outcome:2`, skill: SKILL, status: 'REJECTED', at: '2025-01-02T03:05:00.000Z' },
    ];
    mkdirSync(dirname(journalFile(dataDir)), { recursive: true });
    writeFileSync(journalFile(dataDir), lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    const repository = await QualificationRepository.open({ store: new EscoStore(), dataDir, writeToken: TOKEN });
    expect(await repository.get(id)).toMatchObject({ title: 'Old course', eqfLevel: 5, credits: 7.5, language: 'en', skills: [SKILL] });
    expect(Date.parse((await repository.get(id))!.createdAt)).toBe(Date.parse('2025-01-02T03:04:05.000Z'));
    expect((await repository.get(id))!.learningOutcomes.map((o) => [o.acceptedSkills, o.rejectedSkills])).toEqual([[[SKILL], []], [[], [SKILL]]]);
    expect((await repository.update(id, { iscedFCode: '0611' }, TOKEN)).iscedFCode).toBe('0611');
  });

  it('refuses to replay a journal event it does not know, rather than lose it', async () => {
    const dataDir = tempDir();
    mkdirSync(dirname(journalFile(dataDir)), { recursive: true });
    writeFileSync(journalFile(dataDir), '{"type":"rename","qualification":"urn:x"}\n');
    await expect(QualificationRepository.open({ store: new EscoStore(), dataDir })).rejects.toThrow(/does not know/);
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
    const repository = await QualificationRepository.open({ store: new EscoStore(), dataDir, writeToken: TOKEN });
    for (const line of acknowledged) {
      const [id, skill] = line.split(' ');
      expect((await repository.get(id!))?.skills).toEqual([skill]);
    }
    // The journal is whole again: a new write after the crash reads back after another restart.
    const after = await repository.create({ title: 'after the crash', learningOutcomes: ['x y'] }, TOKEN);
    repository.close();
    expect((await (await QualificationRepository.open({ store: new EscoStore(), dataDir })).get(after.id))?.title).toBe('after the crash');
    expect(readFileSync(journalFile(dataDir), 'utf8').endsWith('\n')).toBe(true);
  });
});
