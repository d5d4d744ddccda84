import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EscoRelations, escoRelations } from '../../test/analysis-oracle.js';
import { realStore, realStoreEnv } from '../../test/real-store.js';
import { QualificationRepository } from '../qualifications/index.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'escograph.js');
/** A data directory that shares the real store but keeps its own (empty) qualifications journal. */
const dataDir = mkdtempSync(join(tmpdir(), 'escograph-analysis-cli-'));
let esco: EscoRelations;
let storeEnv: NodeJS.ProcessEnv;

async function escograph(args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...storeEnv, ESCOGRAPH_DATA_DIR: dataDir },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const ictOccupations = () =>
  esco.occupations.filter((o) => o.iscoGroup!.startsWith('25') && (esco.essential.get(o.conceptUri!)?.length ?? 0) >= 5)
    .map((o) => o.conceptUri!).sort();

beforeAll(async () => {
  esco = escoRelations();
  storeEnv = await realStoreEnv(dataDir);
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('escograph supply-demand, gap and match (the installed command)', () => {
  it('reads supply CSV and demand JSON files and prints gaps the CSVs confirm', async () => {
    const [a, b, c] = ictOccupations();
    const supplySkills = [esco.essential.get(a!)!.slice(0, 4), esco.essential.get(b!)!.slice(0, 3)];
    writeFileSync(join(dataDir, 'supply.csv'), `skills,weight\n"${supplySkills[0]!.join(' ')}",40\n"${supplySkills[1]!.join('|')}",25\n`);
    writeFileSync(join(dataDir, 'demand.json'), JSON.stringify([{ occupation: a, weight: 30 }, { occupation: c, weight: 12 }]));
    const result = await escograph(['supply-demand', '--supply', join(dataDir, 'supply.csv'), '--demand', join(dataDir, 'demand.json'), '--csv']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    const expected = new Map<string, number>();
    const add = (skills: string[], weight: number) => new Set(skills).forEach((s) => expected.set(s, (expected.get(s) ?? 0) + weight));
    add(esco.essential.get(a!)!, 30);
    add(esco.essential.get(c!)!, 12);
    add(supplySkills[0]!, -40);
    add(supplySkills[1]!, -25);
    expect(new Map(rows.map((r) => [r.concept_url!, Number(r.gap)]))).toEqual(expected);
  });

  it('names the file and the entry of a bad supply line, and exits non-zero', async () => {
    writeFileSync(join(dataDir, 'bad.json'), JSON.stringify([{ skills: [], weight: 'many' }]));
    writeFileSync(join(dataDir, 'demand.json'), '[]');
    const result = await escograph(['supply-demand', '--supply', join(dataDir, 'bad.json'), '--demand', join(dataDir, 'demand.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bad\.json, entry 1: weight: .*expected number/);
  });

  it('reads a job-ads CSV and a programmes CSV with regions, and writes the links used', async () => {
    writeFileSync(join(dataDir, 'ads.csv'), [
      'title,text,weight,region',
      '"Data analyst","Clean and analyse large data sets, build dashboards and report with statistics.",12,Emilia-Romagna',
      '"Nurse","Care for patients on a surgical ward; administer medication and keep patient records.",30,Lombardia',
    ].join('\n'));
    const [a] = ictOccupations();
    writeFileSync(join(dataDir, 'programmes.csv'), [
      'programme,learning_outcomes,skills,weight,region',
      `"MSc data science","Analyse large data sets with statistics.",,40,Emilia-Romagna`,
      `"ICT course",,"${esco.essential.get(a!)!.slice(0, 3).join(' ')}",25,`,
    ].join('\n'));
    const links = join(dataDir, 'links.csv');
    const args = ['supply-demand', '--supply', join(dataDir, 'programmes.csv'), '--demand', join(dataDir, 'ads.csv'), '--embedder', 'none'];
    const result = await escograph([...args, '--by-region', '--links', links, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout);
    expect(answer).toMatchObject({ totalSupply: 65, totalDemand: 42 });
    expect(answer.regions.map((r: any) => [r.region, r.totalSupply, r.totalDemand])).toEqual([['Emilia-Romagna', 40, 12], ['Lombardia', 0, 30], [null, 25, 0]]);
    const rows = parse(readFileSync(links, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.title, r.text!.split('\n')[0], r.occupation_uri, r.skill_uris!.split(' ')])).toEqual(
      answer.jobAds.map((ad: any, i: number) => [['Data analyst', 'Nurse'][i], ['Data analyst', 'Nurse'][i], ad.occupation.uri, ad.skills.map((s: any) => s.uri)]),
    );
    // The same entries in GraphQL's JSON shape give the same answer.
    writeFileSync(join(dataDir, 'ads.json'), JSON.stringify(answer.jobAds.map((ad: any, i: number) => ({ text: ad.text, weight: [12, 30][i], region: ['Emilia-Romagna', 'Lombardia'][i] }))));
    const json = await escograph(['supply-demand', '--supply', join(dataDir, 'programmes.csv'), '--demand', join(dataDir, 'ads.json'), '--embedder', 'none', '--by-region', '--json']);
    expect(JSON.parse(json.stdout)).toEqual(answer);
  });

  it('names the missing column of a job-ads or programmes CSV', async () => {
    writeFileSync(join(dataDir, 'ads.csv'), 'title,weight\nNurse,3\n');
    writeFileSync(join(dataDir, 'programmes.csv'), 'programme,weight\nMSc,3\n');
    writeFileSync(join(dataDir, 'none.csv'), 'weight\n3\n');
    const ads = await escograph(['supply-demand', '--supply', join(dataDir, 'none.csv'), '--demand', join(dataDir, 'ads.csv')]);
    expect(ads.stderr).toMatch(/the supply file .*none\.csv: the header "weight" is none of programme,weight,learning_outcomes\|skills or qualification or skills/);
    const demand = await escograph(['supply-demand', '--supply', join(dataDir, 'programmes.csv'), '--demand', join(dataDir, 'ads.csv')]);
    expect(demand.code).toBe(1);
    expect(demand.stderr).toMatch(/the supply file .*programmes\.csv: the header lacks the column learning_outcomes or skills/);
    writeFileSync(join(dataDir, 'programmes.csv'), 'programme,skills,weight\nMSc,,3\n');
    const missing = await escograph(['supply-demand', '--supply', join(dataDir, 'programmes.csv'), '--demand', join(dataDir, 'ads.csv')]);
    expect(missing.stderr).toMatch(/the demand file .*ads\.csv: the header lacks the column text/);
  });

  it('prints a gap as JSON and the ranked matches as a table with the attribution', async () => {
    const [occupation] = ictOccupations();
    const essential = esco.essential.get(occupation!)!;
    const gap = await escograph(['gap', occupation!, '--skills', essential.slice(1).join(','), '--json']);
    expect(gap.code).toBe(0);
    const parsed = JSON.parse(gap.stdout);
    expect(parsed.essential.missing.map((s: { uri: string }) => s.uri)).toEqual([essential[0]]);

    const match = await escograph(['match', '--skills', essential.join(','), '--first', '3', '--isco', '25']);
    expect(match.code).toBe(0);
    expect(match.stdout.split('\n').find((line) => line.startsWith('1 '))).toContain(occupation);
    expect(match.stdout).toContain('This service uses the ESCO classification of the European Commission.');
  });

  it('exports a stored qualification as ELM JSON-LD and analyses it as the gap input', async () => {
    const [occupation] = ictOccupations();
    const essential = esco.essential.get(occupation!)!;
    const token = 'cli-test-write-token';
    const repository = await QualificationRepository.open({ store: await realStore(), dataDir, writeToken: token });
    const q = await repository.create({ title: 'ICT course', learningOutcomes: [{ text: 'builds systems', acceptedSkills: essential.slice(0, 2) }] }, token);
    repository.close();

    const elm = await escograph(['elm', q.id]);
    expect(elm.code).toBe(0);
    const document = JSON.parse(elm.stdout);
    expect(document.id).toBe(q.id);
    expect(document.learningOutcome[0].relatedESCOSkill.map((s: { id: string }) => s.id).sort()).toEqual(essential.slice(0, 2).sort());

    const gap = await escograph(['gap', occupation!, '--qualification', q.id, '--json']);
    expect(gap.code).toBe(0);
    const parsed = JSON.parse(gap.stdout);
    expect(parsed.input.qualification).toEqual({ id: q.id, title: 'ICT course' });
    expect(parsed.essential.covered.map((s: { uri: string }) => s.uri).sort()).toEqual([...new Set(essential.slice(0, 2))].sort());
  });
});
