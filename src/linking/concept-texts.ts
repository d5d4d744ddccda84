import type { EscoStore } from '../store/esco-store.js';
import { byConceptFieldText, conceptTexts, type LinkableType } from '../store/queries/linking.js';
import { hiddenLabels, skillFacets } from './concept-queries.js';

/** Which part of a concept a text (and so a match) comes from. */
export type TextField = 'label' | 'altLabel' | 'description';

/** The embedded fields, in the order of a concept's rows in the vector matrix. */
export const TEXT_FIELDS: readonly TextField[] = ['label', 'altLabel', 'description'];

/** What the ranker may use of a concept beyond its texts; absent facts are 0 / undefined. */
export interface ConceptFacets {
  skillType?: 'skill' | 'knowledge';
  reuseLevel?: 'transversal' | 'cross-sector' | 'sector-specific' | 'occupation-specific';
  /** Occupations that list it as essential / optional: a popularity prior from the graph itself. */
  essentialFor: number;
  optionalFor: number;
}

/** A concept with the texts that linking matches against. */
export interface ConceptDoc {
  uri: string;
  type: LinkableType;
  label: string;
  altLabels: string[];
  hiddenLabels: string[];
  description: string;
  facets: ConceptFacets;
}

/** One embeddable text of a concept: the vector index holds one vector per such text. */
export interface ConceptText {
  concept: number;
  field: TextField;
  text: string;
}

/**
 * Reads the concepts of one type with their labels, descriptions and (unless `withFacets` is false: another
 * language's texts take them from `alignedDocs`' base) facets, in a stable order.
 */
export async function loadConceptDocs(
  store: EscoStore, type: LinkableType, languages: string[], version?: string, withFacets = true,
): Promise<ConceptDoc[]> {
  const docs = new Map<string, ConceptDoc>();
  const [texts, hidden, facets] = await Promise.all([
    store.select(conceptTexts(type, languages), version),
    store.select(hiddenLabels(type, languages), version),
    type === 'Skill' && withFacets ? store.select(skillFacets(), version) : [],
  ]);
  for (const row of texts.sort(byConceptFieldText)) {
    const uri = row.concept!.value;
    const field = row.field!.value as TextField;
    const text = row.text!.value.trim();
    let doc = docs.get(uri);
    if (!doc) docs.set(uri, (doc = { uri, type, label: '', altLabels: [], hiddenLabels: [], description: '', facets: { essentialFor: 0, optionalFor: 0 } }));
    if (field === 'altLabel') doc.altLabels.push(text);
    else if (field === 'label') doc.label ||= text;
    else doc.description = doc.description ? `${doc.description}\n${text}` : text;
  }
  for (const row of hidden) docs.get(row.concept!.value)?.hiddenLabels.push(row.text!.value.trim());
  for (const row of facets) {
    const doc = docs.get(row.concept!.value);
    if (!doc) continue;
    const last = (name: string) => row[name]?.value.split('/').pop();
    doc.facets = {
      skillType: last('skillType') as ConceptFacets['skillType'],
      reuseLevel: last('reuseLevel') as ConceptFacets['reuseLevel'],
      essentialFor: Number(row.essentialFor?.value ?? 0),
      optionalFor: Number(row.optionalFor?.value ?? 0),
    };
  }
  return [...docs.values()].filter((doc) => doc.label);
}

/**
 * Another language's docs in the order of `base` (the concepts of the index, whose vectors rows follow it): each
 * concept's texts in that language; one with no label in it keeps the base language's preferred label, which is
 * shown as GraphQL falls back to English, and matches by the words that are the same in any language ("Java",
 * "SQL"), but none of its alternative labels or description.
 */
export function alignedDocs(base: ConceptDoc[], localized: ConceptDoc[]): ConceptDoc[] {
  const byUri = new Map(localized.map((doc) => [doc.uri, doc]));
  return base.map((doc) => {
    const own = byUri.get(doc.uri);
    return own ? { ...own, facets: doc.facets } : { ...doc, altLabels: [], hiddenLabels: [], description: '' };
  });
}

/**
 * The texts to embed, at most three per concept: preferred label, all alternative labels joined, description.
 * One vector per alternative label (~9 per skill, 125k texts, best cosine over all texts) ranked no better on
 * SkillSkape dev than these three with a weight each (RP@5 0.296 / MRR 0.331 against 0.294 / 0.340), at three
 * times the vectors.
 */
export function conceptTextsOf(docs: ConceptDoc[]): ConceptText[] {
  const texts: ConceptText[] = [];
  docs.forEach((doc, concept) => {
    texts.push({ concept, field: 'label', text: doc.label });
    if (doc.altLabels.length > 0) texts.push({ concept, field: 'altLabel', text: doc.altLabels.join(', ') });
    if (doc.description) texts.push({ concept, field: 'description', text: doc.description });
  });
  return texts;
}
