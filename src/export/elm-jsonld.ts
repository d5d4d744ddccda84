import { type AnalysisContext, type RelationsIndex, type VersionAndLanguage, analysisScope, qualificationById } from '../analysis/index.js';
import { isIri } from '../ingest/vocabulary.js';
import type { Qualification } from '../qualifications/index.js';

export const ESCO_ATTRIBUTION = 'This service uses the ESCO classification of the European Commission.';

const ESCO_SKILLS_SCHEME = 'http://data.europa.eu/esco/concept-scheme/skills';

/**
 * The terms of the ELM application profile context (shared/elm/rdf/ap/edc/edc-ap-context.jsonld) that the export
 * uses, inlined so that the document expands without fetching the remote context.
 */
export const ELM_CONTEXT = {
  id: '@id',
  type: '@type',
  elm: 'http://data.europa.eu/snb/model/elm/',
  dc: 'http://purl.org/dc/terms/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  Qualification: 'elm:Qualification',
  LearningOutcome: 'elm:LearningOutcome',
  Concept: 'skos:Concept',
  learningOutcome: { '@id': 'elm:learningOutcome', '@type': '@id' },
  relatedESCOSkill: { '@id': 'elm:relatedESCOSkill', '@type': '@id' },
  inScheme: { '@id': 'skos:inScheme', '@type': '@id' },
  title: { '@id': 'dc:title', '@container': '@language' },
  description: { '@id': 'dc:description', '@container': '@language' },
  prefLabel: { '@id': 'skos:prefLabel', '@container': '@language' },
  rights: { '@id': 'dc:rights' },
} as const;

/** Ids that are not IRIs (journal ids, outcome numbers) become URNs, as JSON-LD node ids must be IRIs. */
const nodeId = (kind: string, id: string) => (isIri(id) ? id : `urn:escograph:${kind}:${encodeURIComponent(id)}`);

/** Preferred labels of one skill: English, and the requested language when the version has a label of its own. */
function prefLabelOf(uri: string, english: Map<string, string>, requested: Map<string, string>, language: string) {
  const label: Record<string, string> = {};
  if (english.has(uri)) label.en = english.get(uri)!;
  if (language !== 'en' && requested.has(uri) && requested.get(uri) !== label.en) label[language] = requested.get(uri)!;
  return Object.keys(label).length > 0 ? { prefLabel: label } : {};
}

/**
 * A qualification as ELM-style JSON-LD: the qualification, its learning outcomes, and for each outcome the
 * accepted ESCO skills (URI and preferred labels: English, and `language` where the version has it).
 */
export function qualificationToElm(qualification: Qualification, index: RelationsIndex, language: string) {
  const [english, requested] = [index.labels('en'), index.labels(language)];
  const textLanguage = qualification.language ?? 'en';
  return {
    '@context': ELM_CONTEXT,
    id: nodeId('qualification', qualification.id),
    type: 'Qualification',
    title: { [textLanguage]: qualification.title },
    ...(qualification.description ? { description: { [textLanguage]: qualification.description } } : {}),
    rights: ESCO_ATTRIBUTION,
    learningOutcome: qualification.learningOutcomes.map((outcome) => ({
      id: nodeId(`qualification:${encodeURIComponent(qualification.id)}:outcome`, outcome.id),
      type: 'LearningOutcome',
      title: { [textLanguage]: outcome.text },
      relatedESCOSkill: outcome.acceptedSkills.map((uri) => ({
        id: uri,
        type: 'Concept',
        inScheme: ESCO_SKILLS_SCHEME,
        ...prefLabelOf(uri, english, requested, language),
      })),
    })),
  };
}

/** The ELM export of a stored qualification, skill labels from the chosen ESCO version and language. */
export async function exportQualificationElm(context: AnalysisContext, args: VersionAndLanguage & { qualification: string }) {
  const { index, language } = analysisScope(context, args);
  const qualification = await qualificationById(context, args.qualification);
  return qualificationToElm(qualification, index, language);
}
