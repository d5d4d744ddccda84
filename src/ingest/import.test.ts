import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { importEsco } from './import.js';
import { ImportError } from './errors.js';
import { openSavedStore, saveStore, storeFile } from '../store/persistence.js';
import { summarize } from '../store/summary.js';
import { GRAPH } from './vocabulary.js';
import { readEscoCsv } from '../../test/csv-oracle.js';
import { ESCO_RDF_EXCERPT, ESCO_V110, ESCO_V111, ESCO_V111_FR } from '../../test/shared-data.js';
import { PREFIXES } from '../store/queries/prefixes.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'escograph-import-'));

describe('importing the v1.1.1 CSV zips', () => {
  const summary = JSON.parse(inject('realSummary'));
  const occupations = readEscoCsv(ESCO_V111(), 'occupations_en.csv');
  const skills = readEscoCsv(ESCO_V111(), 'skills_en.csv');
  const relations = readEscoCsv(ESCO_V111(), 'occupationSkillRelations.csv');

  it('counts what the CSVs hold', async () => {
    expect(summary.occupations).toBe(occupations.length);
    expect(summary.skills).toBe(skills.length);
    expect(summary.skillGroups).toBe(readEscoCsv(ESCO_V111(), 'skillGroups_en.csv').length);
    expect(summary.iscoGroups).toBe(readEscoCsv(ESCO_V111(), 'ISCOGroups_en.csv').length);
    expect(summary.essentialRelations).toBe(relations.filter((r) => r.relationType === 'essential').length);
    expect(summary.optionalRelations).toBe(relations.filter((r) => r.relationType === 'optional').length);
    expect([summary.occupations, summary.skills, summary.essentialRelations, summary.optionalRelations]).toEqual([
      3007, 13896, 64946, 58909,
    ]);
    expect(summary.languages).toEqual(['en']);
  });

  it('keeps and reports the dangling occupation, without counting it as an occupation', async () => {
    const defined = new Set(occupations.map((o) => o.conceptUri));
    const danglingRows = relations.filter((r) => !defined.has(r.occupationUri));
    expect(danglingRows.length).toBe(67);
    expect(summary.danglingReferences).toBeGreaterThanOrEqual(1);
    expect(summary.danglingRelations).toBeGreaterThanOrEqual(67);
  });

  it('reports the same numbers after a restart from the saved store', async () => {
    const restored = await openSavedStore(inject('realDataDir'));
    const recount = await summarize(restored, 'v1.1.1', GRAPH.version('v1.1.1'), summary.sources);
    expect({ ...recount, importedAt: summary.importedAt }).toEqual(summary);
    expect(restored.versions().map((v) => v.version)).toEqual(['v1.1.1']);
  });
});

describe('versions', () => {
  it('keeps v1.1.0 and v1.1.1 apart, each in its own graph, the newest the default', async () => {
    const { store, summaries } = await importEsco({ paths: [ESCO_V110(), ESCO_V111()] });
    expect(summaries.map((s) => [s.version, s.occupations, s.skills])).toEqual([
      ['v1.1.0', 3008, 13891],
      ['v1.1.1', 3007, 13896],
    ]);
    expect(store.defaultVersion).toBe('v1.1.1');
    const count = `${PREFIXES}SELECT (COUNT(?o) AS ?n) WHERE { ?o a esco:Occupation }`;
    expect((await store.select(count, 'v1.1.0'))[0]!.n!.value).toBe('3008');
    expect((await store.select(count))[0]!.n!.value).toBe('3007');
    await expect(store.select(count, 'v9.9.9')).rejects.toThrow(/unknown ESCO version "v9.9.9"/);
  });

  it('adds French labels to the same version and can keep only some languages', async () => {
    const both = (await importEsco({ paths: [ESCO_V111(), ESCO_V111_FR()] })).summaries;
    expect(both.map((s) => s.languages)).toEqual([['en', 'fr']]);
    const frenchOnly = await importEsco({ paths: [ESCO_V111_FR()], languages: ['fr'] });
    expect(frenchOnly.summaries[0]!.occupations).toBe(3007);
    expect(frenchOnly.summaries[0]!.languages).toEqual(['fr']);
  });
});

const excerpt = await importEsco({ paths: [ESCO_RDF_EXCERPT()] });
const quirks = await importEsco({ paths: [join(import.meta.dirname, '../../test/fixtures/esco-v1.0.x-quirks.ttl')] });

describe('RDF dumps', () => {
  const ask = (store: typeof excerpt.store, pattern: string) => store.ask(`${PREFIXES}ASK { ${pattern} }`);

  it('loads the real excerpt under the version its name gives', async () => {
    expect(excerpt.summaries[0]!.version).toBe('v1.0.x');
    expect(excerpt.summaries[0]!.skills).toBeGreaterThan(0);
    expect(excerpt.summaries[0]!.languages).toContain('en-us');
  });

  it('turns the excerpt\'s AssociationObjects and isEssentialSkillFor links into direct links', async () => {
    const s = excerpt.store;
    expect(await ask(s, `<http://data.europa.eu/esco/occupation/72d1e9ca-294c-4349-90ed-f99541d447d0> esco:hasEssentialSkill <http://data.europa.eu/esco/skill/f7b5d916-52f0-4865-b6a6-e1a3b711cb5e>`)).toBe(true);
    expect(await ask(s, `<http://data.europa.eu/esco/occupation/547b304b-9a72-4717-9b24-b7046df5f64e> esco:hasOptionalSkill <http://data.europa.eu/esco/skill/3d95f056-879d-4012-84fd-19666211ef3a>`)).toBe(true);
    expect(await ask(s, `<http://data.europa.eu/esco/occupation/04f39bfa-bc03-4480-98bc-b18ce4fe4b4b> esco:hasEssentialSkill <http://data.europa.eu/esco/skill/d0c425c6-e3de-465e-923d-d4d30ec4be9b>`)).toBe(true);
  });

  it('types the excerpt\'s ISCO groups and makes typed notations plain strings', async () => {
    expect(await ask(excerpt.store, `<http://data.europa.eu/esco/isco/C6112> a esco:ISCOGroup ; skos:notation "6112"`)).toBe(true);
    expect(await ask(excerpt.store, `?c skos:notation ?n FILTER(DATATYPE(?n) != xsd:string)`)).toBe(false);
    expect(await ask(excerpt.store, `?l esco:hasLabelRole ?r FILTER(isLiteral(?r))`)).toBe(false);
  });

  it('turns NodeLiteral descriptions into language-tagged literals, region tags kept', async () => {
    expect(await ask(quirks.store, `<http://data.europa.eu/esco/occupation/test-occupation> dct:description "Tests things."@en-us`)).toBe(true);
    expect(await ask(quirks.store, `?c dct:description ?d FILTER(!isLiteral(?d))`)).toBe(false);
  });

  it('copies skos-xl label forms to plain SKOS labels and makes string label roles IRIs', async () => {
    expect(await ask(quirks.store, `<http://data.europa.eu/esco/occupation/test-occupation> skos:altLabel "test technicienne"@fr`)).toBe(true);
    expect(await ask(quirks.store, `<http://data.europa.eu/esco/label/test-label> esco:hasLabelRole <http://data.europa.eu/esco/label-role/female>`)).toBe(true);
  });

  it('links an occupation to its ISCO unit group and keeps qualifications', async () => {
    expect(await ask(quirks.store, `<http://data.europa.eu/esco/occupation/test-occupation> esco:memberOfISCOGroup <http://data.europa.eu/esco/isco/C7111> ; esco:hasOptionalSkill <http://data.europa.eu/esco/skill/test-skill>`)).toBe(true);
    expect(await ask(quirks.store, `<http://data.europa.eu/esco/qualification/test-qualification> a esco:Qualification`)).toBe(true);
  });

  it('keeps only the languages asked for', async () => {
    const english = await importEsco({ paths: [ESCO_RDF_EXCERPT()], languages: ['en'] });
    expect(english.summaries[0]!.languages).toEqual(['en', 'en-us']);
  });
});

describe('bad input', () => {
  const rejects = (paths: string[], message: RegExp, languages?: string[]) =>
    expect(importEsco({ paths, languages })).rejects.toThrow(message);

  it('names a truncated zip', async () => {
    const dir = tempDir();
    const zip = join(dir, 'v1.1.1-truncated.zip');
    const whole = readFileSync(join(ESCO_V111(), 'ESCO dataset - v1.1.1 - classification - en - csv.zip'));
    writeFileSync(zip, whole.subarray(0, whole.length / 2));
    await rejects([zip], /v1\.1\.1-truncated\.zip: not a readable zip archive/);
  });

  it('names the file and line of a Turtle syntax error', async () => {
    const dir = tempDir();
    const file = join(dir, 'esco-v1.1.1-broken.ttl');
    writeFileSync(file, '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<http://a> a skos:Concept ; skos:prefLabel "ok" .\n<http://b> skos:prefLabel "unterminated .\n');
    await rejects([file], /esco-v1\.1\.1-broken\.ttl: .*line 3/);
  });

  it('names a CSV with unexpected headers and the missing columns', async () => {
    const dir = join(tempDir(), 'v1.1.1');
    cpSync(ESCO_V111_FR(), dir, { recursive: true });
    writeFileSync(join(dir, 'skills_en.csv'), 'uri,label\nhttp://data.europa.eu/esco/skill/x,x\n');
    await rejects([dir], /skills_en\.csv: unexpected CSV header: missing column\(s\) conceptUri, preferredLabel/);
  });

  it('rejects an unknown language code', async () => {
    await rejects([ESCO_V111()], /unknown language code\(s\): xx/, ['en', 'xx']);
  });

  it('rejects a folder with no ESCO files', async () => {
    const dir = join(tempDir(), 'v1.1.1');
    cpSync(join(ESCO_RDF_EXCERPT(), '..'), dir, { recursive: true, filter: (src) => !src.endsWith('.ttl') });
    writeFileSync(join(dir, 'notes.txt'), 'nothing here');
    await rejects([dir], /no ESCO files found/);
  });

  it('leaves the saved store untouched when an import fails', async () => {
    const dataDir = tempDir();
    await saveStore((await importEsco({ paths: [ESCO_RDF_EXCERPT()] })).store, dataDir);
    const before = statSync(storeFile(dataDir)).mtimeMs;
    const content = readFileSync(storeFile(dataDir));
    const broken = join(tempDir(), 'v1.1.1.zip');
    writeFileSync(broken, new AdmZip().toBuffer().subarray(0, 10));
    await expect(importEsco({ paths: [broken], into: () => openSavedStore(dataDir) })).rejects.toThrow(ImportError);
    expect(statSync(storeFile(dataDir)).mtimeMs).toBe(before);
    expect(readFileSync(storeFile(dataDir)).equals(content)).toBe(true);
  });
});
