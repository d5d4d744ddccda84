import type { EscoStore } from './esco-store.js';
import { IRI } from '../ingest/vocabulary.js';
import {
  type ConceptProperty, type TextProperty, conceptTypes, labelsInLanguage, propertyObjects, propertySubjects, propertyTexts,
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

export interface LangText {
  value: string;
  language: string;
}

function group<T>(rows: [string, T][]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const [key, value] of rows) {
    const list = grouped.get(key);
    if (list) list.push(value);
    else grouped.set(key, [value]);
  }
  return grouped;
}

/** The ESCO kind of each concept; concepts the version does not define are absent. */
export function readConceptKinds(store: EscoStore, version: string, uris: readonly string[]): Map<string, ConceptKind> {
  const kinds = new Map<string, ConceptKind>();
  for (const row of store.select(conceptTypes(uris), version)) {
    const kind = KIND_OF_TYPE[row.get('type')!.value];
    if (kind) kinds.set(row.get('c')!.value, kind);
  }
  return kinds;
}

/** The values (IRIs or plain strings) of one property of each concept. */
export function readObjects(store: EscoStore, version: string, property: ConceptProperty, uris: readonly string[]): Map<string, string[]> {
  return group(store.select(propertyObjects(property, uris), version).map((row) => [row.get('c')!.value, row.get('o')!.value]));
}

export const TYPE_OF_KIND: Record<ConceptKind, string> = {
  OCCUPATION: IRI.Occupation,
  SKILL: IRI.Skill,
  SKILL_GROUP: IRI.SkillGroup,
  ISCO_GROUP: IRI.IscoGroup,
};

/** The concepts (of one kind, when given) whose property points at each given concept, in URI order. */
export function readSubjects(
  store: EscoStore, version: string, property: ConceptProperty, uris: readonly string[], kind?: ConceptKind,
): Map<string, string[]> {
  const query = propertySubjects(property, uris, kind && TYPE_OF_KIND[kind]);
  return group(store.select(query, version).map((row) => [row.get('c')!.value, row.get('o')!.value]));
}

const textRows = (store: EscoStore, version: string, property: TextProperty, uris: readonly string[], languages?: string[]) =>
  store.select(propertyTexts(property, uris, languages), version).map((row): [string, LangText] => {
    const text = row.get('text')!;
    return [row.get('c')!.value, { value: text.value, language: (text as { language?: string }).language ?? '' }];
  });

/**
 * Texts of one property in the requested language or English; concepts that have neither get theirs in every
 * language from a second query, so the fallback chain (requested → English → any) can be applied by `pickTexts`.
 * With no language, every language.
 */
export function readTexts(
  store: EscoStore, version: string, property: TextProperty, uris: readonly string[], language?: string,
): Map<string, LangText[]> {
  if (!language) return group(textRows(store, version, property, uris));
  const found = group(textRows(store, version, property, uris, language === 'en' ? ['en'] : [language, 'en']));
  const missing = uris.filter((uri) => !found.has(uri));
  if (missing.length > 0) for (const [uri, texts] of group(textRows(store, version, property, missing))) found.set(uri, texts);
  return found;
}

const matches = (tag: string, language: string) => tag === language || tag.startsWith(`${language}-`);

/** Applies the fallback chain: texts in the requested language, else English, else the first language present. */
export function pickTexts(texts: readonly LangText[] | undefined, language = 'en'): string[] {
  if (!texts?.length) return [];
  const wanted = language.toLowerCase();
  for (const lang of [wanted, 'en']) {
    const chosen = texts.filter((text) => matches(text.language.toLowerCase(), lang));
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
export function readAllLabels(store: EscoStore, version: string, language: string): ConceptLabelSet[] {
  const concepts = new Map<string, ConceptLabelSet>();
  const fields = { prefLabel: 'preferred', altLabel: 'alternative', hiddenLabel: 'hidden' } as const;
  for (const [property, field] of Object.entries(fields) as [keyof typeof fields, (typeof fields)[keyof typeof fields]][]) {
    for (const row of store.select(labelsInLanguage(property, language), version)) {
      const kind = KIND_OF_TYPE[row.get('type')!.value]!;
      const uri = row.get('c')!.value;
      let concept = concepts.get(uri);
      if (!concept) concepts.set(uri, (concept = { uri, kind, preferred: [], alternative: [], hidden: [] }));
      concept[field].push(row.get('text')!.value);
    }
  }
  return [...concepts.values()];
}
