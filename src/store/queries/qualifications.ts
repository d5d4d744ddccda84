import { GRAPH, iri, isIri, literal, typedLiteral } from '../../ingest/vocabulary.js';
import { PREFIXES } from './prefixes.js';

/**
 * Qualifications, their learning outcomes and the experts' review decisions, in the graph
 * `urn:escograph:qualifications`. Terms come from the European Learning Model (elm:) where it has them, with the
 * property names of the ELM 3 ontology (elm:EQFLevel, elm:ISCEDFCode, elm:NQFLevel), whose values are concepts.
 */
const ELM = 'http://data.europa.eu/snb/model/elm/';
const OWN = 'urn:escograph:';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const Q = `${PREFIXES}PREFIX elm: <${ELM}>
PREFIX own: <${OWN}>
`;
const IN_GRAPH = `GRAPH <${GRAPH.qualifications}>`;

export const EQF_LEVEL = 'http://data.europa.eu/snb/eqf/';
export const ISCED_F = 'http://data.europa.eu/snb/isced-f/';
/** NQF levels given as a label, not as a framework's concept IRI, become concepts of their own under this prefix. */
const NQF_LABEL = 'urn:escograph:nqf-level:';

export const eqfLevelIri = (level: number) => `${EQF_LEVEL}${Math.trunc(level)}`;
export const iscedFIri = (code: string) => `${ISCED_F}${code}`;
/** The shapes want an NQF level to be a concept: an IRI stays itself, a label such as "RQF Level 6" gets a URN. */
export const nqfLevelIri = (level: string) => (isIri(level) ? level : `${NQF_LABEL}${encodeURIComponent(level)}`);

export type ReviewStatus = 'ACCEPTED' | 'REJECTED';

/** The fields of a qualification that a person sets, and may change later. */
export interface QualificationFields {
  title: string;
  description?: string;
  eqfLevel?: number;
  /** ISCED-F 2013 field code, e.g. 0613. */
  iscedFCode?: string;
  /** A national framework level: its concept IRI, or a short label. */
  nqfLevel?: string;
  credits?: number;
  language?: string;
  awardingBody?: string;
}

/** A change of fields: a value sets one, null removes one. */
export type QualificationChanges = { [K in keyof QualificationFields]?: QualificationFields[K] | null };

export interface QualificationTriples extends QualificationFields {
  id: string;
  /** Where it was imported from (file name), when imported. */
  source?: string;
  createdAt: string;
  learningOutcomes: { id: string; text: string; acceptedSkills: string[] }[];
}

function checkIri(value: string): string {
  if (!isIri(value)) throw new Error(`not a valid IRI: ${JSON.stringify(value)}`);
  return iri(value);
}

interface FieldCodec<T> {
  predicate: string;
  term: (value: T) => string;
  /** From the SPARQL binding's value back to the field. */
  value: (binding: string) => T;
}
type Field = keyof QualificationFields;

const text: FieldCodec<string> = { predicate: '', term: literal, value: String };
/** One table for writing, changing and reading every field, so that the three cannot drift apart. */
const FIELDS: { [K in Field]-?: FieldCodec<NonNullable<QualificationFields[K]>> } = {
  title: { ...text, predicate: 'dct:title' },
  description: { ...text, predicate: 'dct:description' },
  eqfLevel: { predicate: 'elm:EQFLevel', term: (level) => iri(eqfLevelIri(level)), value: (v) => Number(v.slice(EQF_LEVEL.length)) },
  iscedFCode: { predicate: 'elm:ISCEDFCode', term: (code) => checkIri(iscedFIri(code)), value: (v) => v.slice(ISCED_F.length) },
  nqfLevel: {
    predicate: 'elm:NQFLevel',
    term: (level) => checkIri(nqfLevelIri(level)),
    value: (v) => (v.startsWith(NQF_LABEL) ? decodeURIComponent(v.slice(NQF_LABEL.length)) : v),
  },
  credits: { predicate: 'own:credits', term: (credits) => typedLiteral(String(credits), `${XSD}decimal`), value: Number },
  language: { ...text, predicate: 'dct:language' },
  awardingBody: { ...text, predicate: 'own:awardingBody' },
};
const FIELD_NAMES = Object.keys(FIELDS) as Field[];

function fieldTriples(subject: string, fields: QualificationChanges): string[] {
  return FIELD_NAMES.flatMap((name) => {
    const value = fields[name];
    // The table's key and the field's value are of the same name, so the codec fits the value.
    const codec = FIELDS[name] as FieldCodec<unknown>;
    return value === undefined || value === null ? [] : [`${subject} ${codec.predicate} ${codec.term(value)}`];
  });
}

/** INSERT DATA for a new qualification with its outcomes and the skills already accepted for them. */
export function insertQualification(q: QualificationTriples): string {
  const s = checkIri(q.id);
  const triples = [`${s} a elm:Qualification`, `${s} dct:created ${typedLiteral(q.createdAt, `${XSD}dateTime`)}`, ...fieldTriples(s, q)];
  if (q.source) triples.push(`${s} dct:source ${literal(q.source)}`);
  q.learningOutcomes.forEach((outcome, position) => {
    const o = checkIri(outcome.id);
    triples.push(
      `${s} elm:learningOutcome ${o}`,
      `${o} a elm:LearningOutcome`,
      `${o} dct:title ${literal(outcome.text)}`,
      `${o} own:position ${typedLiteral(String(position), `${XSD}integer`)}`,
      ...outcome.acceptedSkills.map((skill) => `${o} elm:relatedESCOSkill ${checkIri(skill)}`),
    );
  });
  return `${Q}INSERT DATA { ${IN_GRAPH} {\n${triples.join(' .\n')} .\n} }`;
}

/**
 * Replaces the named fields of a qualification (null removes one) and stamps it modified; fields not named stay.
 * Outcomes and their decisions are not touched.
 */
export function updateQualification(id: string, changes: QualificationChanges, modifiedAt: string): string {
  const s = checkIri(id);
  const olds = [...FIELD_NAMES.filter((name) => name in changes).map((name) => FIELDS[name].predicate), 'dct:modified']
    .map((predicate, n) => `${s} ${predicate} ?old${n}`);
  const news = [...fieldTriples(s, changes), `${s} dct:modified ${typedLiteral(modifiedAt, `${XSD}dateTime`)}`];
  // Unbound ?oldN (a field that had no value) drop out of the template, so OPTIONAL makes each removal independent.
  return `${Q}DELETE { ${IN_GRAPH} { ${olds.join(' . ')} } }
WHERE { ${IN_GRAPH} { ${olds.map((triple) => `OPTIONAL { ${triple} }`).join(' ')} } } ;
INSERT DATA { ${IN_GRAPH} { ${news.join(' . ')} } }`;
}

/** Removes a qualification's own triples and its outcomes' (text, position, review decisions). */
export function deleteQualification(id: string): string {
  return `${Q}DELETE { ${IN_GRAPH} { ?s ?p ?o } }
WHERE { ${IN_GRAPH} {
  VALUES ?q { ${checkIri(id)} }
  # Each branch binds ?q itself: a group is evaluated before it meets VALUES, so an unbound ?q would match all.
  { ?q ?p ?o BIND(?q AS ?s) } UNION { ?q elm:learningOutcome ?s . ?s ?p ?o }
} }`;
}

/** Records a review decision: the skill becomes accepted (elm:relatedESCOSkill) or rejected, replacing any earlier one. */
export function setReview(outcome: string, skill: string, status: ReviewStatus): string {
  const [o, k] = [checkIri(outcome), checkIri(skill)];
  const predicate = status === 'ACCEPTED' ? 'elm:relatedESCOSkill' : 'own:rejectedSkill';
  return `${Q}DELETE DATA { ${IN_GRAPH} { ${o} elm:relatedESCOSkill ${k} . ${o} own:rejectedSkill ${k} } } ;
INSERT DATA { ${IN_GRAPH} { ${o} ${predicate} ${k} } }`;
}

export const DROP_QUALIFICATIONS = `DROP SILENT GRAPH <${GRAPH.qualifications}>`;

const only = (id?: string) => (id ? `VALUES ?q { ${checkIri(id)} }` : '');
const optionalFields = FIELD_NAMES.filter((name) => name !== 'title')
  .map((name) => `OPTIONAL { ?q ${FIELDS[name].predicate} ?${name} }`)
  .join('\n    ');

/** Qualifications with their fields (one row each; bound to the field names), optionally one by id. */
export const selectQualifications = (id?: string) => `${Q}
SELECT ?q ${FIELD_NAMES.map((name) => `?${name}`).join(' ')} ?source ?created ?modified WHERE {
  ${IN_GRAPH} {
    ${only(id)}
    ?q a elm:Qualification ; dct:title ?title ; dct:created ?created .
    ${optionalFields}
    OPTIONAL { ?q dct:source ?source }
    OPTIONAL { ?q dct:modified ?modified }
  }
} ORDER BY ?created ?q`;

/** The fields of one row of selectQualifications. */
export function fieldsOfRow(binding: (name: string) => string | undefined): QualificationFields {
  const fields: Record<string, unknown> = {};
  for (const name of FIELD_NAMES) {
    const value = binding(name);
    if (value !== undefined) fields[name] = FIELDS[name].value(value);
  }
  return fields as unknown as QualificationFields;
}

/** Learning outcomes in order, with each reviewed skill and its status (UNDEF when none is reviewed). */
export const selectOutcomes = (id?: string) => `${Q}
SELECT ?q ?o ?text ?position ?skill ?status WHERE {
  ${IN_GRAPH} {
    ${only(id)}
    ?q elm:learningOutcome ?o . ?o dct:title ?text ; own:position ?position .
    OPTIONAL {
      { ?o elm:relatedESCOSkill ?skill BIND("ACCEPTED" AS ?status) }
      UNION { ?o own:rejectedSkill ?skill BIND("REJECTED" AS ?status) }
    }
  }
} ORDER BY ?q ?position ?skill`;
