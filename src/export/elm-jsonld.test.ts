import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rdf from '@zazuko/env-node';
import jsonld from 'jsonld';
import { Parser } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
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

beforeAll(async () => {
  esco = escoRelations();
  repository = await QualificationRepository.open({ store: await realStore(), dataDir, writeToken: TOKEN });
});

afterAll(() => {
  repository.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Expansion must not fetch anything: the context is inline. */
const documentLoader = async (url: string): Promise<never> => {
  throw new Error(`the export tried to load ${url}`);
};

const shapes = async () => rdf.dataset().import(rdf.fromFile(sharedPath('elm', 'rdf', 'ap', 'loq', 'LOQ-constraints.ttl')));
let validator: SHACLValidator | undefined;

/**
 * SHACL results as "<constraint component> <focus node> <path>" lines, empty when the data conforms. The shapes
 * owl:import the vocabularies they constrain (rdf:, dc:, elm:, skos:…); those declare no shapes, and nothing may be
 * fetched here, so each import is an empty graph.
 */
async function violations(data: Awaited<ReturnType<typeof shapes>>): Promise<string[]> {
  validator ??= new SHACLValidator(await shapes(), { factory: rdf, importGraph: () => rdf.dataset() });
  const report = await validator.validate(data);
  return report.results.map((r) => `${r.sourceConstraintComponent?.value.split('#').at(-1)} ${r.focusNode?.value} ${r.path?.value}`);
}

async function datasetOf(document: object) {
  const nquads = (await jsonld.toRDF(JSON.parse(JSON.stringify(document)), { format: 'application/n-quads', documentLoader } as jsonld.Options.ToRdf)) as unknown as string;
  return rdf.dataset(new Parser({ format: 'N-Quads' }).parse(nquads));
}

describe('ELM JSON-LD export', () => {
  it('parses back with a JSON-LD processor and carries the learning outcomes and accepted ESCO skills', async () => {
    // The real learning-outcome → ESCO skill links of the ELM samples.
    const pairs = JSON.parse(readFileSync(sharedPath('elm', 'elm_learning_outcome_esco_skill_pairs.json'), 'utf8')) as Pair[];
    const qualification = await repository.create(
      {
        title: 'ELM sample outcomes',
        learningOutcomes: pairs.map((p) => ({ text: p.title.en, acceptedSkills: p.escoSkills.map((s) => s.uri) })),
      },
      TOKEN,
    );
    const document = await exportQualificationElm({ store: await realStore(), qualifications: repository }, { qualification: qualification.id });

    const [node] = (await jsonld.expand(JSON.parse(JSON.stringify(document)), { documentLoader } as jsonld.Options.Expand)) as Record<string, any>[];
    expect(node!['@id']).toBe(qualification.id);
    expect(node!['@type']).toEqual([`${ELM}Qualification`]);
    expect(node![`${ELM}additionalNote`][0][`${ELM}noteLiteral`][0]).toEqual({ '@value': ESCO_ATTRIBUTION, '@language': 'en' });
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

  it('checks with the official LOQ shapes: the official Turtle sample conforms, and a property the closed shapes lack does not', async () => {
    const sample = await rdf.dataset().import(rdf.fromFile(sharedPath('elm', 'rdf', 'samples', 'credential-sample-turtle.ttl')));
    expect(await violations(sample)).toEqual([]);
    const broken = rdf.dataset([...sample]);
    broken.add(rdf.quad(rdf.namedNode('http://example.org/issuer565049'), rdf.namedNode('http://purl.org/dc/terms/rights'), rdf.literal('x')));
    expect(await violations(broken)).toEqual([expect.stringMatching(/ClosedConstraintComponent http:\/\/example.org\/issuer565049 http:\/\/purl.org\/dc\/terms\/rights/)]);
  });

  it('exports a qualification with outcomes, accepted skills, EQF, ISCED-F and NQF levels that conforms to the official LOQ shapes', async () => {
    const pairs = JSON.parse(readFileSync(sharedPath('elm', 'elm_learning_outcome_esco_skill_pairs.json'), 'utf8')) as Pair[];
    const created = await repository.create(
      {
        title: 'Digital content, level 6',
        description: 'Outcomes of the ELM samples',
        learningOutcomes: [...pairs.map((p) => ({ text: p.title.en, acceptedSkills: p.escoSkills.map((s) => s.uri) })), 'An outcome with no skill yet.'],
        eqfLevel: 6,
        iscedFCode: '0613',
        nqfLevel: 'http://data.europa.eu/snb/qdr/c_c392e7a2',
        language: 'en',
        credits: 60,
        awardingBody: 'A school',
      },
      TOKEN,
    );
    const document = await exportQualificationElm({ store: await realStore(), qualifications: repository }, { qualification: created.id });
    expect(await violations(await datasetOf(document))).toEqual([]);
    const [node] = (await jsonld.expand(JSON.parse(JSON.stringify(document)), { documentLoader } as jsonld.Options.Expand)) as Record<string, any>[];
    expect(node![`${ELM}EQFLevel`][0]['@id']).toBe('http://data.europa.eu/snb/eqf/6');
    expect(node![`${ELM}ISCEDFCode`][0]['@id']).toBe('http://data.europa.eu/snb/isced-f/0613');
    expect(node![`${ELM}NQFLevel`][0]['@id']).toBe('http://data.europa.eu/snb/qdr/c_c392e7a2');

    // An NQF level given as a label, and a changed qualification (dc:modified), conform as well.
    const updated = await repository.update(created.id, { nqfLevel: 'RQF Level 6', iscedFCode: '06' }, TOKEN);
    const relabelled = await exportQualificationElm({ store: await realStore(), qualifications: repository }, { qualification: updated.id });
    expect(relabelled).toMatchObject({ nqfLevel: { type: 'Concept', prefLabel: { en: 'RQF Level 6' } }, modified: updated.modifiedAt });
    expect(await violations(await datasetOf(relabelled))).toEqual([]);
  });

  it('names what the shapes still require when a qualification lacks its levels and field', async () => {
    const bare = await repository.create({ title: 'Bare', learningOutcomes: ['Develop digital content.'] }, TOKEN);
    const document = await exportQualificationElm({ store: await realStore(), qualifications: repository }, { qualification: bare.id });
    const found = await violations(await datasetOf(document));
    expect(found.map((v) => v.split(' ').at(-1)).sort()).toEqual([`${ELM}EQFLevel`, `${ELM}ISCEDFCode`, `${ELM}NQFLevel`]);
    expect(found.every((v) => v.startsWith('MinCountConstraintComponent'))).toBe(true);
  });

  it('refuses an unknown qualification', async () => {
    await expect(exportQualificationElm({ store: await realStore(), qualifications: repository }, { qualification: 'urn:escograph:qualification:00000000-0000-0000-0000-000000000000' }))
      .rejects.toThrow(/no qualification/);
  });
});
