import { ISCED_F } from '../store/queries/qualifications.js';
import { QualificationError, type QualificationInput } from './qualification.js';

/** Credentials larger than this are refused before parsing (the ELM samples are ~100 kB, mostly logos). */
export const MAX_CREDENTIAL_BYTES = 5_000_000;

type Node = Record<string, unknown>;

const asArray = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An ELM language map ({"en": "…"} or {"en": ["…"]}): the text in the preferred language, else the first. */
function text(value: unknown, language: string): string | undefined {
  if (typeof value === 'string') return value;
  if (!isNode(value)) return undefined;
  const pick = value[language] ?? Object.values(value)[0];
  const first = asArray(pick)[0];
  return typeof first === 'string' ? first : undefined;
}

/** The IRI of the first concept of an ELM property (a concept node, or its IRI alone). */
function conceptId(value: unknown): string | undefined {
  const first = asArray(value)[0];
  const id = isNode(first) ? first.id : first;
  return typeof id === 'string' ? id : undefined;
}

/** EU authority language codes (…/language/ENG) → the two-letter tags used elsewhere. */
export const LANGUAGES: Record<string, string> = {
  ENG: 'en', FRA: 'fr', DEU: 'de', SPA: 'es', ITA: 'it', NLD: 'nl', POR: 'pt', POL: 'pl', SWE: 'sv', DAN: 'da',
  FIN: 'fi', ELL: 'el', CES: 'cs', SLK: 'sk', SLV: 'sl', HUN: 'hu', RON: 'ro', BUL: 'bg', HRV: 'hr', EST: 'et',
  LAV: 'lv', LIT: 'lt', MLT: 'mt', GLE: 'ga',
};

/**
 * Reads the qualifications of a Europass / ELM v3 credential (JSON-LD): each claim's learning achievement
 * specification gives title, description, EQF level, ISCED-F field (`thematicArea`, the first when there are several),
 * NQF level, credits, language and learning outcomes, and each outcome's `relatedESCOSkill` becomes an accepted skill. Claims nested with `hasPart` are read too.
 */
export function readElmCredential(json: string, source?: string, language = 'en'): QualificationInput[] {
  if (json.length > MAX_CREDENTIAL_BYTES) throw new QualificationError(`credential is larger than ${MAX_CREDENTIAL_BYTES} bytes`);
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (error) {
    throw new QualificationError(`credential is not valid JSON: ${(error as Error).message}`);
  }
  if (!isNode(document) || !isNode(document.credentialSubject)) {
    throw new QualificationError('not an ELM v3 credential: no credentialSubject');
  }
  const claims: Node[] = [];
  const collect = (claim: unknown) => {
    if (!isNode(claim)) return;
    claims.push(claim);
    asArray(claim.hasPart).forEach(collect);
  };
  asArray(document.credentialSubject.hasClaim).forEach(collect);

  const qualifications = claims.flatMap((claim): QualificationInput[] => {
    const spec = asArray(claim.specifiedBy).find(isNode);
    if (!spec) return [];
    const outcomes = asArray(spec.learningOutcome).filter(isNode).flatMap((outcome) => {
      const outcomeText = text(outcome.description, language) ?? text(outcome.title, language);
      if (!outcomeText) return [];
      const skills = asArray(outcome.relatedESCOSkill).flatMap((skill) => (isNode(skill) && typeof skill.id === 'string' ? [skill.id] : []));
      return [{ text: outcomeText, acceptedSkills: skills }];
    });
    const eqf = conceptId(spec.eqfLevel);
    const isced = conceptId(spec.thematicArea);
    const nqf = conceptId(spec.nqfLevel);
    const credits = asArray(spec.creditPoint).find(isNode)?.point;
    const languageId = conceptId(spec.language);
    const awardingBody = asArray(asArray(claim.awardedBy).find(isNode)?.awardingBody).find(isNode);
    const code = typeof languageId === 'string' ? languageId.split('/').at(-1)! : undefined;
    return [{
      title: text(spec.title, language) ?? text(claim.title, language) ?? 'untitled',
      description: text(spec.description, language) ?? text(claim.description, language),
      learningOutcomes: outcomes,
      eqfLevel: typeof eqf === 'string' && /\/eqf\/\d$/.test(eqf) ? Number(eqf.at(-1)) : undefined,
      iscedFCode: isced?.startsWith(ISCED_F) ? isced.slice(ISCED_F.length) : undefined,
      nqfLevel: nqf,
      credits: credits !== undefined && Number.isFinite(Number(credits)) ? Number(credits) : undefined,
      language: code ? (LANGUAGES[code] ?? code.toLowerCase()) : undefined,
      awardingBody: awardingBody ? (text(awardingBody.legalName, language) ?? text(awardingBody.prefLabel, language)) : undefined,
      source,
    }];
  });
  if (qualifications.length === 0) throw new QualificationError('the credential holds no claim with a learning achievement specification');
  return qualifications;
}
