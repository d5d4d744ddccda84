import type { EscoStore } from './esco-store.js';
import type { Cell, CellRow } from './tsv-rows.js';
import { IRI } from '../ingest/vocabulary.js';
import {
  CONCEPT_PROPERTIES, type ConceptProperty, type TextProperty, conceptTypes, conceptWithRelations, labelsInLanguage, propertyObjects, propertySubjects, propertyTexts,
} from './queries/concepts.js';

/**
 * Plain batched reads of concepts: each function answers for many URIs with one store query (two for texts
 * when some concept lacks the requested languages). The GraphQL DataLoaders are thin wrappers over these.
 */

export type ConceptKind = 'OCCUPATION' | 'SKILL' | 'SKILL_GROUP' | 'ISCO_GROUP';

const KIND_OF_TYPE: Record<string, ConceptKind> = {
  [IRI.Occupation]: 'OCCUPATION',
  [IRI.Skill]: 'SKILL',
  [IRI.SkillGroup]: 'SKILL_GROUP',
  [IRI.IscoGroup]: 'ISCO_GROUP',
};

/** A text and its language tag ('' when it has none). */
export type LangText = Cell;

/** The concept a batch query's row is about: ?c, absent when the batch had one concept (see queries/concepts.ts). */
const subjectOf = (row: CellRow, uris: readonly string[]) => row.c?.value ?? uris[0]!;

function group<T>(rows: [string, T][]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const [key, value] of rows) {
    const list = grouped.get(key);
    if (list) list.push(value);
    else grouped.set(key, [value]);
  }
  return grouped;
}

/** Preferred labels that a read found along the way, by concept: those in the requested language or English. */
export type PrimedLabels = Map<string, LangText[]>;

/** A language tag matches itself and its regions: `en` matches `en-us`. */
const languageMatches = (tag: string, language: string) => tag === language || tag.startsWith(`${language}-`);

/** The languages whose labels are read along for a requested one: it, then English (the fallback chain). */
export const labelLanguages = (language: string): string[] => (language === 'en' ? ['en'] : [language, 'en']);

/** Adds a label to what is primed (a query's language filter chose it already). */
function collectLabel(labels: PrimedLabels, uri: string, label: LangText | undefined) {
  if (!label) return;
  const known = labels.get(uri);
  if (!known) labels.set(uri, [label]);
  else if (!known.some((k) => k.value === label.value && k.language === label.language)) known.push(label);
}

/** Up to this many concepts, a store in this process reads kinds by pattern: planning a SPARQL query costs more. */
const MATCH_LIMIT = 8;

/** The ESCO kind of each concept (concepts the version does not define are absent), and their labels in some languages. */
export async function readConceptKinds(
  store: EscoStore, version: string, uris: readonly string[], languages: readonly string[],
): Promise<{ kinds: Map<string, ConceptKind>; labels: PrimedLabels }> {
  const kinds = new Map<string, ConceptKind>();
  const labels: PrimedLabels = new Map();
  const { objectsOf } = store.backend;
  if (objectsOf && uris.length <= MATCH_LIMIT) {
    const graph = store.graph(version);
    for (const uri of uris) {
      for (const type of objectsOf(uri, IRI.type, graph)) {
        const kind = KIND_OF_TYPE[type.value];
        if (kind) kinds.set(uri, kind);
      }
      for (const label of objectsOf(uri, IRI.prefLabel, graph)) {
        const tag = label.language.toLowerCase();
        if (languages.some((wanted) => languageMatches(tag, wanted))) collectLabel(labels, uri, label);
      }
    }
    return { kinds, labels };
  }
  for (const row of await store.select(conceptTypes(uris, languages), version)) {
    const kind = KIND_OF_TYPE[row.type!.value];
    const uri = subjectOf(row, uris);
    if (kind) kinds.set(uri, kind);
    collectLabel(labels, uri, row.label);
  }
  return { kinds, labels };
}

/** Properties whose values are concepts: reading them also reads the concepts' labels, asked for next. */
const RELATIONS: ReadonlySet<ConceptProperty> = new Set([
  'broader', 'narrower', 'essentialSkill', 'optionalSkill', 'iscoGroup', 'hasTopConcept', 'inScheme',
] satisfies ConceptProperty[]);

/**
 * The values (IRIs or plain strings) of one property of each concept; for relations, the targets' preferred
 * labels in the languages given.
 */
export async function readObjects(
  store: EscoStore, version: string, property: ConceptProperty, uris: readonly string[], languages: readonly string[] = ['en'],
): Promise<{ objects: Map<string, string[]>; labels: PrimedLabels }> {
  const objects = new Map<string, string[]>();
  const labels: PrimedLabels = new Map();
  const withLabels = RELATIONS.has(property);
  for (const row of await store.select(propertyObjects(property, uris, withLabels ? languages : undefined), version)) {
    const [uri, value] = [subjectOf(row, uris), row.o!.value];
    const list = objects.get(uri);
    if (!list) objects.set(uri, [value]);
    // A target with two labels comes in two rows, one after the other.
    else if (list.at(-1) !== value) list.push(value);
    if (withLabels) collectLabel(labels, value, row.label);
  }
  for (const [uri, list] of objects) if (list.length > 1) objects.set(uri, [...new Set(list)]);
  return { objects, labels };
}

/**
 * One concept's kind and the objects of some relations (with every label involved), in one store query: see
 * `conceptWithRelations`. Relations are all concept-valued, so their objects' labels are read along.
 */
export async function readConceptWithRelations(
  store: EscoStore, version: string, uri: string, properties: readonly ConceptProperty[], languages: readonly string[],
): Promise<{ kind: ConceptKind | null; objects: Map<ConceptProperty, string[]>; labels: PrimedLabels }> {
  const propertyOf = new Map(properties.map((property) => [CONCEPT_PROPERTIES[property] as string, property]));
  const objects = new Map<ConceptProperty, string[]>(properties.map((property) => [property, []]));
  const labels: PrimedLabels = new Map();
  let kind: ConceptKind | null = null;
  for (const row of await store.select(conceptWithRelations(uri, properties, languages), version)) {
    if (row.type) {
      kind = KIND_OF_TYPE[row.type.value] ?? kind;
      collectLabel(labels, uri, row.label);
      continue;
    }
    const list = objects.get(propertyOf.get(row.p!.value)!)!;
    const value = row.o!.value;
    if (list.at(-1) !== value) list.push(value);
    collectLabel(labels, value, row.label);
  }
  for (const [property, list] of objects) if (list.length > 1) objects.set(property, [...new Set(list)]);
  return { kind, objects, labels };
}

export const TYPE_OF_KIND: Record<ConceptKind, string> = {
  OCCUPATION: IRI.Occupation,
  SKILL: IRI.Skill,
  SKILL_GROUP: IRI.SkillGroup,
  ISCO_GROUP: IRI.IscoGroup,
};

/** The concepts (of one kind, when given) whose property points at each given concept, in URI order. */
export async function readSubjects(
  store: EscoStore, version: string, property: ConceptProperty, uris: readonly string[], kind?: ConceptKind,
): Promise<Map<string, string[]>> {
  const query = propertySubjects(property, uris, kind && TYPE_OF_KIND[kind]);
  return group((await store.select(query, version)).map((row) => [subjectOf(row, uris), row.o!.value]));
}

const textRows = async (store: EscoStore, version: string, property: TextProperty, uris: readonly string[], languages?: string[]) =>
  (await store.select(propertyTexts(property, uris, languages), version)).map((row): [string, LangText] => [subjectOf(row, uris), row.text!]);

/**
 * Texts of one property in the requested language or English; concepts that have neither get theirs in every
 * language from a second query, so the fallback chain (requested → English → any) can be applied by `pickTexts`.
 * With no language, every language.
 */
export async function readTexts(
  store: EscoStore, version: string, property: TextProperty, uris: readonly string[], language?: string,
): Promise<Map<string, LangText[]>> {
  if (!language) return group(await textRows(store, version, property, uris));
  const found = group(await textRows(store, version, property, uris, labelLanguages(language)));
  const missing = uris.filter((uri) => !found.has(uri));
  if (missing.length > 0) for (const [uri, texts] of group(await textRows(store, version, property, missing))) found.set(uri, texts);
  return found;
}


/**
 * The first text along the fallback chain, as pickTexts(texts, language)[0] would give it: a concept's preferred
 * label is asked for in every list of concepts, so this one allocates nothing.
 */
export function pickFirstText(texts: readonly LangText[] | undefined, language = 'en'): string | null {
  if (!texts?.length) return null;
  const wanted = language.toLowerCase();
  for (const lang of wanted === 'en' ? ['en'] : [wanted, 'en']) {
    for (const text of texts) if (languageMatches(text.language.toLowerCase(), lang)) return text.value;
  }
  return texts[0]!.value;
}

/** Applies the fallback chain: texts in the requested language, else English, else the first language present. */
export function pickTexts(texts: readonly LangText[] | undefined, language = 'en'): string[] {
  if (!texts?.length) return [];
  const wanted = language.toLowerCase();
  for (const lang of [wanted, 'en']) {
    const chosen = texts.filter((text) => languageMatches(text.language.toLowerCase(), lang));
    if (chosen.length > 0) return chosen.map((text) => text.value);
  }
  const first = texts[0]!.language;
  return texts.filter((text) => text.language === first).map((text) => text.value);
}

export interface ConceptLabelSet {
  uri: string;
  kind: ConceptKind;
  preferred: string[];
  alternative: string[];
  hidden: string[];
}

/** The preferred, alternative and hidden labels of every concept that has labels in one language. */
export async function readAllLabels(store: EscoStore, version: string, language: string): Promise<ConceptLabelSet[]> {
  const concepts = new Map<string, ConceptLabelSet>();
  const fields = { prefLabel: 'preferred', altLabel: 'alternative', hiddenLabel: 'hidden' } as const;
  for (const [property, field] of Object.entries(fields) as [keyof typeof fields, (typeof fields)[keyof typeof fields]][]) {
    for (const row of await store.select(labelsInLanguage(property, language), version)) {
      const kind = KIND_OF_TYPE[row.type!.value]!;
      const uri = row.c!.value;
      let concept = concepts.get(uri);
      if (!concept) concepts.set(uri, (concept = { uri, kind, preferred: [], alternative: [], hidden: [] }));
      concept[field].push(row.text!.value);
    }
  }
  return [...concepts.values()];
}
