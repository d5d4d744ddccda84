import { GRAPH, iri, isIri, literal, typedLiteral } from '../../ingest/vocabulary.js';
import { PREFIXES } from './prefixes.js';

/**
 * Qualifications, their learning outcomes and the experts' review decisions, in the graph
 * `urn:escograph:qualifications`. Terms come from the European Learning Model (elm:) where it has them.
 */
const ELM = 'http://data.europa.eu/snb/model/elm/';
const OWN = 'urn:escograph:';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const Q = `${PREFIXES}PREFIX elm: <${ELM}>
PREFIX own: <${OWN}>
`;

export type ReviewStatus = 'ACCEPTED' | 'REJECTED';

export interface QualificationTriples {
  id: string;
  title: string;
  description?: string;
  eqfLevel?: number;
  credits?: number;
  language?: string;
  awardingBody?: string;
  /** Where it was imported from (file name), when imported. */
  source?: string;
  createdAt: string;
  learningOutcomes: { id: string; text: string; acceptedSkills: string[] }[];
}

function checkIri(value: string): string {
  if (!isIri(value)) throw new Error(`not a valid IRI: ${JSON.stringify(value)}`);
  return iri(value);
}

/** INSERT DATA for a new qualification with its outcomes and the skills already accepted for them. */
export function insertQualification(q: QualificationTriples): string {
  const s = checkIri(q.id);
  const triples = [
    `${s} a elm:Qualification`,
    `${s} dct:title ${literal(q.title)}`,
    `${s} dct:created ${typedLiteral(q.createdAt, `${XSD}dateTime`)}`,
  ];
  if (q.description) triples.push(`${s} dct:description ${literal(q.description)}`);
  if (q.eqfLevel !== undefined) triples.push(`${s} elm:eqfLevel <http://data.europa.eu/snb/eqf/${Math.trunc(q.eqfLevel)}>`);
  if (q.credits !== undefined) triples.push(`${s} own:credits ${typedLiteral(String(q.credits), `${XSD}decimal`)}`);
  if (q.language) triples.push(`${s} dct:language ${literal(q.language)}`);
  if (q.awardingBody) triples.push(`${s} own:awardingBody ${literal(q.awardingBody)}`);
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
  return `${Q}INSERT DATA { GRAPH <${GRAPH.qualifications}> {\n${triples.join(' .\n')} .\n} }`;
}

/** Records a review decision: the skill becomes accepted (elm:relatedESCOSkill) or rejected, replacing any earlier one. */
export function setReview(outcome: string, skill: string, status: ReviewStatus): string {
  const [o, k] = [checkIri(outcome), checkIri(skill)];
  const predicate = status === 'ACCEPTED' ? 'elm:relatedESCOSkill' : 'own:rejectedSkill';
  return `${Q}DELETE DATA { GRAPH <${GRAPH.qualifications}> { ${o} elm:relatedESCOSkill ${k} . ${o} own:rejectedSkill ${k} } } ;
INSERT DATA { GRAPH <${GRAPH.qualifications}> { ${o} ${predicate} ${k} } }`;
}

export const DROP_QUALIFICATIONS = `DROP SILENT GRAPH <${GRAPH.qualifications}>`;

const only = (id?: string) => (id ? `VALUES ?q { ${checkIri(id)} }` : '');

/** Qualifications with their scalar fields (one row each), optionally one by id. */
export const selectQualifications = (id?: string) => `${Q}
SELECT ?q ?title ?description ?eqf ?credits ?language ?awardingBody ?source ?created WHERE {
  GRAPH <${GRAPH.qualifications}> {
    ${only(id)}
    ?q a elm:Qualification ; dct:title ?title ; dct:created ?created .
    OPTIONAL { ?q dct:description ?description }
    OPTIONAL { ?q elm:eqfLevel ?eqf }
    OPTIONAL { ?q own:credits ?credits }
    OPTIONAL { ?q dct:language ?language }
    OPTIONAL { ?q own:awardingBody ?awardingBody }
    OPTIONAL { ?q dct:source ?source }
  }
} ORDER BY ?created ?q`;

/** Learning outcomes in order, with each reviewed skill and its status (UNDEF when none is reviewed). */
export const selectOutcomes = (id?: string) => `${Q}
SELECT ?q ?o ?text ?position ?skill ?status WHERE {
  GRAPH <${GRAPH.qualifications}> {
    ${only(id)}
    ?q elm:learningOutcome ?o . ?o dct:title ?text ; own:position ?position .
    OPTIONAL {
      { ?o elm:relatedESCOSkill ?skill BIND("ACCEPTED" AS ?status) }
      UNION { ?o own:rejectedSkill ?skill BIND("REJECTED" AS ?status) }
    }
  }
} ORDER BY ?q ?position ?skill`;
