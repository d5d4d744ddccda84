import type { EscoStore } from '../store/esco-store.js';
import { conceptTexts, type LinkableType } from '../store/queries/linking.js';

/** Which part of a concept a text (and so a match) comes from. */
export type TextField = 'label' | 'altLabel' | 'description';

/** A concept with the texts that linking matches against. */
export interface ConceptDoc {
  uri: string;
  type: LinkableType;
  label: string;
  altLabels: string[];
  description: string;
}

/** One embeddable text of a concept: the vector index holds one vector per such text. */
export interface ConceptText {
  concept: number;
  field: TextField;
  text: string;
}

/** Reads the concepts of one type with their labels and descriptions, in a stable order. */
export function loadConceptDocs(store: EscoStore, type: LinkableType, languages: string[], version?: string): ConceptDoc[] {
  const docs = new Map<string, ConceptDoc>();
  for (const row of store.select(conceptTexts(type, languages), version)) {
    const uri = row.get('concept')!.value;
    const field = row.get('field')!.value as TextField;
    const text = row.get('text')!.value.trim();
    let doc = docs.get(uri);
    if (!doc) docs.set(uri, (doc = { uri, type, label: '', altLabels: [], description: '' }));
    if (field === 'altLabel') doc.altLabels.push(text);
    else if (field === 'label') doc.label ||= text;
    else doc.description = doc.description ? `${doc.description}\n${text}` : text;
  }
  return [...docs.values()].filter((doc) => doc.label);
}

/** The texts to embed: preferred label, each alternative label, description — several vectors per concept. */
export function conceptTextsOf(docs: ConceptDoc[]): ConceptText[] {
  const texts: ConceptText[] = [];
  docs.forEach((doc, concept) => {
    texts.push({ concept, field: 'label', text: doc.label });
    for (const alt of doc.altLabels) texts.push({ concept, field: 'altLabel', text: alt });
    if (doc.description) texts.push({ concept, field: 'description', text: doc.description });
  });
  return texts;
}
