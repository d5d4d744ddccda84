import { type AnalysisContext, type RelationsIndex, type VersionAndLanguage, analysisScope, qualificationById } from '../analysis/index.js';
import { isIri } from '../ingest/vocabulary.js';
import { ELM_LANGUAGES, type Qualification } from '../qualifications/index.js';
import { eqfLevelIri, iscedFIri, nqfLevelIri } from '../store/queries/qualifications.js';

export const ESCO_ATTRIBUTION = 'This service uses the ESCO classification of the European Commission.';

/**
 * The concept schemes of the vocabularies the export points into, as the official ELM samples name them. The
 * shapes want each skos:inScheme value to be a skos:ConceptScheme in the document itself.
 */
const SCHEMES = {
  escoSkills: 'http://data.europa.eu/esco/concept-scheme/skills',
  eqf: 'http://data.europa.eu/snb/eqf/25831c2',
  iscedF: 'http://data.europa.eu/snb/isced-f/25831c2',
  qdr: 'http://data.europa.eu/snb/qdr/25831c2',
  language: 'http://publications.europa.eu/resource/authority/language',
};
const QDR = 'http://data.europa.eu/snb/qdr/';
const LANGUAGE_AUTHORITY = `${SCHEMES.language}/`;
const AUTHORITY_CODE = new Map(Object.entries(ELM_LANGUAGES).map(([code, tag]) => [tag, code]));

/**
 * The terms of the ELM application profile context (shared/elm/rdf/ap/edc/edc-ap-context.jsonld) that the export
 * uses, with the same names and definitions, inlined so that the document expands without fetching the remote
 * context.
 */
export const ELM_CONTEXT = {
  id: '@id',
  type: '@type',
  elm: 'http://data.europa.eu/snb/model/elm/',
  dc: 'http://purl.org/dc/terms/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  Qualification: 'elm:Qualification',
  LearningOutcome: 'elm:LearningOutcome',
  Concept: 'skos:Concept',
  ConceptScheme: 'skos:ConceptScheme',
  Note: 'elm:Note',
  learningOutcome: { '@id': 'elm:learningOutcome', '@type': '@id' },
  relatedESCOSkill: { '@id': 'elm:relatedESCOSkill', '@type': '@id' },
  eqfLevel: { '@id': 'elm:EQFLevel', '@type': '@id' },
  nqfLevel: { '@id': 'elm:NQFLevel', '@type': '@id' },
  thematicArea: { '@id': 'elm:ISCEDFCode', '@type': '@id' },
  language: { '@id': 'dc:language', '@type': '@id' },
  additionalNote: { '@id': 'elm:additionalNote', '@type': '@id' },
  noteLiteral: { '@id': 'elm:noteLiteral', '@container': '@language' },
  inScheme: { '@id': 'skos:inScheme', '@type': '@id' },
  notation: { '@id': 'skos:notation' },
  title: { '@id': 'dc:title', '@container': '@language' },
  description: { '@id': 'dc:description', '@container': '@language' },
  prefLabel: { '@id': 'skos:prefLabel', '@container': '@language' },
  modified: { '@id': 'dc:modified', '@type': 'xsd:dateTime' },
} as const;

/** Ids that are not IRIs (journal ids, outcome numbers) become URNs, as JSON-LD node ids must be IRIs. */
const nodeId = (kind: string, id: string) => (isIri(id) ? id : `urn:escograph:${kind}:${encodeURIComponent(id)}`);

const concept = (id: string, scheme: string | undefined, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'Concept',
  ...(scheme ? { inScheme: { id: scheme, type: 'ConceptScheme' } } : {}),
  ...extra,
});

/** Preferred labels of one skill: English, and the requested language when the version has a label of its own. */
function prefLabelOf(uri: string, english: Map<string, string>, requested: Map<string, string>, language: string) {
  const label: Record<string, string> = {};
  if (english.has(uri)) label.en = english.get(uri)!;
  if (language !== 'en' && requested.has(uri) && requested.get(uri) !== label.en) label[language] = requested.get(uri)!;
  return Object.keys(label).length > 0 ? { prefLabel: label } : {};
}

/** The qualification's levels and field as the ELM concepts the LOQ shapes ask for; absent fields are left out. */
function classification(qualification: Qualification, textLanguage: string) {
  const { eqfLevel, iscedFCode, nqfLevel, language } = qualification;
  const authorityCode = language ? AUTHORITY_CODE.get(language) : undefined;
  return {
    ...(eqfLevel !== undefined ? { eqfLevel: concept(eqfLevelIri(eqfLevel), SCHEMES.eqf, { prefLabel: { en: `Level ${eqfLevel}` } }) } : {}),
    ...(iscedFCode ? { thematicArea: concept(iscedFIri(iscedFCode), SCHEMES.iscedF, { notation: iscedFCode }) } : {}),
    ...(nqfLevel
      ? {
          nqfLevel: isIri(nqfLevel)
            ? concept(nqfLevel, nqfLevel.startsWith(QDR) ? SCHEMES.qdr : undefined)
            : concept(nqfLevelIri(nqfLevel), undefined, { prefLabel: { [textLanguage]: nqfLevel } }),
        }
      : {}),
    ...(authorityCode ? { language: concept(`${LANGUAGE_AUTHORITY}${authorityCode}`, SCHEMES.language) } : {}),
  };
}

/**
 * A qualification as ELM JSON-LD that conforms to the ELM LOQ shapes (shared/elm/rdf/ap/loq/LOQ-constraints.ttl)
 * once it has what they require (EQF level, ISCED-F field, NQF level, an outcome): the qualification, its levels,
 * its learning outcomes, and for each outcome the accepted ESCO skills (URI and preferred labels: English, and
 * `language` where the version has it). The Qualification shape is closed, so the ESCO attribution is an
 * elm:additionalNote rather than dc:rights.
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
    ...classification(qualification, textLanguage),
    ...(qualification.modifiedAt ? { modified: qualification.modifiedAt } : {}),
    additionalNote: [{ type: 'Note', noteLiteral: { en: ESCO_ATTRIBUTION } }],
    learningOutcome: qualification.learningOutcomes.map((outcome) => ({
      id: nodeId(`qualification:${encodeURIComponent(qualification.id)}:outcome`, outcome.id),
      type: 'LearningOutcome',
      title: { [textLanguage]: outcome.text },
      relatedESCOSkill: outcome.acceptedSkills.map((uri) => concept(uri, SCHEMES.escoSkills, prefLabelOf(uri, english, requested, language))),
    })),
  };
}

/** The ELM export of a stored qualification, skill labels from the chosen ESCO version and language. */
export async function exportQualificationElm(context: AnalysisContext, args: VersionAndLanguage & { qualification: string }) {
  const { index, language } = await analysisScope(context, args);
  const qualification = await qualificationById(context, args.qualification);
  return qualificationToElm(qualification, index, language);
}
