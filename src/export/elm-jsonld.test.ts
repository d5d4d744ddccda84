import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EscoRelations, escoRelations } from '../../test/analysis-oracle.js';
import { realStore } from '../../test/real-store.js';
import { sharedPath } from '../../test/shared-data.js';
import { QualificationRepository } from '../qualifications/index.js';
import { ESCO_ATTRIBUTION, exportQualificationElm } from './elm-jsonld.js';

interface Pair {
  learningOutcomeId: string;
  title: { en: string };
  escoSkills: { uri: string }[];
}

const ELM = 'http://data.europa.eu/snb/model/elm/';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const TOKEN = 'elm-export-test-token';
const dataDir = mkdtempSync(join(tmpdir(), 'escograph-elm-'));
let repository: QualificationRepository;
let esco: EscoRelations;

beforeAll(() => {
  esco = escoRelations();
  repository = QualificationRepository.open({ store: realStore(), dataDir, writeToken: TOKEN });
});

afterAll(() => {
  repository.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Expansion must not fetch anything: the context is inline. */
const documentLoader = async (url: string): Promise<never> => {
  throw new Error(`the export tried to load ${url}`);
};

describe('ELM JSON-LD export', () => {
  it('parses back with a JSON-LD processor and carries the learning outcomes and accepted ESCO skills', async () => {
    // The real learning-outcome → ESCO skill links of the ELM samples.
    const pairs = JSON.parse(readFileSync(sharedPath('elm', 'elm_learning_outcome_esco_skill_pairs.json'), 'utf8')) as Pair[];
    const qualification = repository.create(
      {
        title: 'ELM sample outcomes',
        learningOutcomes: pairs.map((p) => ({ text: p.title.en, acceptedSkills: p.escoSkills.map((s) => s.uri) })),
      },
      TOKEN,
    );
    const document = await exportQualificationElm({ store: realStore(), qualifications: repository }, { qualification: qualification.id });

    const [node] = (await jsonld.expand(JSON.parse(JSON.stringify(document)), { documentLoader } as jsonld.Options.Expand)) as Record<string, any>[];
    expect(node!['@id']).toBe(qualification.id);
    expect(node!['@type']).toEqual([`${ELM}Qualification`]);
    expect(node!['http://purl.org/dc/terms/rights'][0]['@value']).toBe(ESCO_ATTRIBUTION);
    const outcomes = node![`${ELM}learningOutcome`] as Record<string, any>[];
    expect(outcomes).toHaveLength(pairs.length);
    outcomes.forEach((outcome, i) => {
      expect(outcome['@type']).toEqual([`${ELM}LearningOutcome`]);
      expect(outcome['http://purl.org/dc/terms/title'][0]).toEqual({ '@value': pairs[i]!.title.en, '@language': 'en' });
      const skills = outcome[`${ELM}relatedESCOSkill`] as Record<string, any>[];
      expect(skills.map((s) => s['@id']).sort()).toEqual(pairs[i]!.escoSkills.map((s) => s.uri).sort());
      for (const skill of skills) {
        expect(skill[`${SKOS}prefLabel`][0]).toEqual({ '@value': esco.skillLabels.get(skill['@id']), '@language': 'en' });
      }
    });

    const nquads = (await jsonld.toRDF(JSON.parse(JSON.stringify(document)), { format: 'application/n-quads', documentLoader } as jsonld.Options.ToRdf)) as unknown as string;
    const [firstSkill] = pairs[0]!.escoSkills;
    expect(nquads).toContain(`<${ELM}relatedESCOSkill> <${firstSkill!.uri}>`);
  });

  it('refuses an unknown qualification', async () => {
    await expect(exportQualificationElm({ store: realStore(), qualifications: repository }, { qualification: 'urn:escograph:qualification:00000000-0000-0000-0000-000000000000' }))
      .rejects.toThrow(/no qualification/);
  });
});
