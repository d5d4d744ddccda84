import type { ConceptKind } from '../store/concept-reader.js';
import type { LabelKind } from '../search/index.js';

/**
 * What resolvers pass down as parents (the codegen mappers): a concept is its URI and the version it was read
 * from; fields load what they need through the request's DataLoaders, so nothing is read that is not asked for.
 */
export interface ConceptRef {
  uri: string;
  version: string;
  /**
   * The language of the top-level field that reached this concept (its `language` argument, else the request's):
   * text fields below answer in it when they ask for none. Absent: the request's language.
   */
  language?: string;
  /** Known when the relation implies it (essential skills are skills); otherwise loaded on demand. */
  kind?: ConceptKind;
}

export interface CollectionRef {
  uri: string;
  version: string;
  language?: string;
  /** Known when the collection was listed with its size. */
  memberCount?: number;
}

/** One page of a cursor connection; `count` runs only when totalCount is asked for. */
export interface PageModel<T> {
  items: T[];
  offset: number;
  hasNextPage: boolean;
  count: () => number | Promise<number>;
}

export interface SearchHitModel {
  concept: ConceptRef;
  score: number;
  matchedLabel: string;
  matchedLabelKind: LabelKind;
}

export interface SuggestionModel {
  label: string;
  concept: ConceptRef;
}

export interface RelatedOccupationModel {
  occupation: ConceptRef;
  sharedEssentialSkills: number;
  similarity: number;
}

export type ConceptPage = PageModel<ConceptRef>;
export type SearchPage = PageModel<SearchHitModel>;
