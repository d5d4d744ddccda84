import { mkdtempSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EscoRelations, escoRelations } from '../../test/analysis-oracle.js';
import { realStore } from '../../test/real-store.js';
import { QualificationRepository } from '../qualifications/index.js';
import { ESCO_ATTRIBUTION } from './elm-jsonld.js';
import { exportRoutes } from './export-routes.js';

const TOKEN = 'export-routes-test-token';
const dataDir = mkdtempSync(join(tmpdir(), 'escograph-export-'));
let repository: QualificationRepository;
let server: Server;
let base: string;
let esco: EscoRelations;

beforeAll(async () => {
  esco = escoRelations();
  repository = await QualificationRepository.open({ store: await realStore(), dataDir, writeToken: TOKEN });
  const handle = exportRoutes({ store: await realStore(), qualifications: repository });
  server = createServer(async (request, response) => {
    if (!(await handle(request, response))) response.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
  repository.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const post = (path: string, body: unknown) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const firstOccupation = () =>
  esco.occupations.map((o) => o.conceptUri!).filter((o) => (esco.essential.get(o)?.length ?? 0) >= 3).sort()[0]!;

describe('HTTP export routes on ESCO v1.1.1', () => {
  it('serves the skills distribution as a skill,users,skill_url CSV download with the attribution', async () => {
    const skills = esco.essential.get(firstOccupation())!;
    const response = await post('/export/skills-distribution.csv', { profiles: [{ id: 'a', skills }, { id: 'b', skills: skills.slice(0, 1) }] });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="skills-distribution.csv"');
    expect(response.headers.get('x-esco-attribution')).toBe(ESCO_ATTRIBUTION);
    const text = await response.text();
    expect(text.split('\n')[0]).toBe('skill,users,skill_url');
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows[0]).toEqual({ skill: esco.skillLabels.get(skills[0]!), users: '2', skill_url: skills[0] });
    expect(new Set(rows.map((r) => r.skill_url))).toEqual(new Set(skills));
  });

  it('serves a skills gap from query parameters', async () => {
    const occupation = firstOccupation();
    const essential = esco.essential.get(occupation)!;
    const query = new URLSearchParams({ occupation, skills: essential.slice(1).join(',') });
    const response = await fetch(`${base}/export/skills-gap.csv?${query}`);
    expect(response.status).toBe(200);
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(rows.filter((r) => r.relation === 'essential' && r.status !== 'COVERED').map((r) => r.skill_url)).toEqual([essential[0]]);
  });

  it('serves a qualification as ELM JSON-LD', async () => {
    const skill = esco.essential.get(firstOccupation())![0]!;
    const q = await repository.create({ title: 'Data course', learningOutcomes: [{ text: 'works with data', acceptedSkills: [skill] }] }, TOKEN);
    const response = await fetch(`${base}/export/qualifications/${encodeURIComponent(q.id)}/elm.jsonld`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    const document = await response.json();
    expect(document.learningOutcome[0].relatedESCOSkill[0]).toMatchObject({ id: skill, prefLabel: { en: esco.skillLabels.get(skill) } });
  });

  it('serves a qualification\'s outcome → skill decisions as links.csv: accepted and rejected rows, an undecided outcome kept', async () => {
    const [skill, other, third] = esco.essential.get(firstOccupation())!;
    const q = await repository.create({
      title: 'Données, "IA" & éthique: semaine 1',
      language: 'fr',
      learningOutcomes: [{ text: 'works with data, carefully', acceptedSkills: [skill!] }, 'reflects on ethics', 'an outcome nobody reviewed'],
    }, TOKEN);
    const [first, second] = q.learningOutcomes;
    await repository.reviewLink({ qualification: q.id, outcome: first!.id, skill: other!, status: 'REJECTED' }, TOKEN);
    await repository.reviewLink({ qualification: q.id, outcome: second!.id, skill: third!, status: 'ACCEPTED' }, TOKEN);
    const response = await fetch(`${base}/export/qualifications/${encodeURIComponent(q.id)}/links.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="donnees-ia-ethique-semaine-1-links.csv"');
    const text = await response.text();
    expect(text.split('\n')[0]).toBe('outcome_position,outcome,status,skill_uri,skill_label');
    // Skill labels in the qualification's language: v1.1.1 here has no French skill labels, so English ones.
    const label = (uri: string) => esco.skillLabels.get(uri);
    expect(parse(text, { columns: true })).toEqual([
      { outcome_position: '1', outcome: 'works with data, carefully', status: 'accepted', skill_uri: skill, skill_label: label(skill!) },
      { outcome_position: '1', outcome: 'works with data, carefully', status: 'rejected', skill_uri: other, skill_label: label(other!) },
      { outcome_position: '2', outcome: 'reflects on ethics', status: 'accepted', skill_uri: third, skill_label: label(third!) },
      { outcome_position: '3', outcome: 'an outcome nobody reviewed', status: '', skill_uri: '', skill_label: '' },
    ]);
    const unknown = await fetch(`${base}/export/qualifications/${encodeURIComponent('urn:escograph:qualification:00000000-0000-0000-0000-000000000000')}/links.csv`);
    expect(unknown.status).toBe(404);
    expect((await fetch(`${base}/export/qualifications/${encodeURIComponent(q.id)}/links.csv`, { method: 'POST' })).status).toBe(405);
  });

  it('answers bad input with 400, unknown concepts with 404 and wrong methods with 405, naming the problem', async () => {
    const bad = await post('/export/supply-demand.csv', { supply: 'lots', demand: [] });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/supply: .*expected array/);
    const unknown = await post('/export/supply-demand.csv', { supply: [], demand: [{ occupation: 'http://data.europa.eu/esco/occupation/none' }] });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toMatch(/no occupation http:\/\/data.europa.eu\/esco\/occupation\/none/);
    const malformed = await post('/export/skills-gap.csv', { occupation: 'x y', from: { skills: [] } });
    expect(malformed.status).toBe(400);
    expect((await fetch(`${base}/export/supply-demand.csv`)).status).toBe(405);
    expect((await fetch(`${base}/export/nothing.csv`)).status).toBe(404);
    const notJson = await fetch(`${base}/export/skills-distribution.csv`, { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
    expect((await fetch(`${base}/graphql`)).status).toBe(418);
  });
});
