import type { EscoStore } from './esco-store.js';
import { readObjects } from './concept-reader.js';
import { CONCEPT_SCHEMES, COLLECTION_SIZES, iscoGroupByCode, sharedEssentialSkills } from './queries/concepts.js';
import {
  type OccupationPageFilter, type PageWindow, type SkillPageFilter, collectionMemberCount, collectionMembers,
  occupationCount, occupationPage, skillCount, skillPage,
} from './queries/pages.js';

/** Listings and lookups that are not per-concept batches: pages in URI order with their counts, and finders. */

export interface UriPage {
  uris: string[];
  hasNextPage: boolean;
}

const uris = async (store: EscoStore, query: string, version: string) => (await store.select(query, version)).map((row) => row.c!.value);
const countOf = async (store: EscoStore, query: string, version: string) => Number((await store.select(query, version))[0]?.n?.value ?? 0);

/** Reads one row more than asked, to tell whether another page follows. */
async function pageOf(store: EscoStore, version: string, query: (window: PageWindow) => string, window: PageWindow): Promise<UriPage> {
  const found = await uris(store, query({ limit: window.limit + 1, offset: window.offset }), version);
  return { uris: found.slice(0, window.limit), hasNextPage: found.length > window.limit };
}

export const listOccupations = (store: EscoStore, version: string, filter: OccupationPageFilter, window: PageWindow) =>
  pageOf(store, version, (w) => occupationPage(filter, w), window);
export const countOccupations = (store: EscoStore, version: string, filter: OccupationPageFilter) =>
  countOf(store, occupationCount(filter), version);

export const listSkills = (store: EscoStore, version: string, filter: SkillPageFilter, window: PageWindow) =>
  pageOf(store, version, (w) => skillPage(filter, w), window);
export const countSkills = (store: EscoStore, version: string, filter: SkillPageFilter) => countOf(store, skillCount(filter), version);

export const listCollectionMembers = (store: EscoStore, version: string, collection: string, window: PageWindow) =>
  pageOf(store, version, (w) => collectionMembers(collection, w), window);
export const countCollectionMembers = (store: EscoStore, version: string, collection: string) =>
  countOf(store, collectionMemberCount(collection), version);

export async function findIscoGroup(store: EscoStore, version: string, code: string): Promise<string | undefined> {
  return (await uris(store, iscoGroupByCode(code), version))[0];
}

export async function listConceptSchemes(store: EscoStore, version: string): Promise<string[]> {
  return (await store.select(CONCEPT_SCHEMES, version)).map((row) => row.s!.value);
}

export async function listCollections(store: EscoStore, version: string): Promise<{ uri: string; memberCount: number }[]> {
  return (await store.select(COLLECTION_SIZES, version))
    .map((row) => ({ uri: row.collection!.value, memberCount: Number(row.size!.value) }))
    .sort((a, b) => a.uri.localeCompare(b.uri));
}

export interface RelatedOccupation {
  uri: string;
  sharedEssentialSkills: number;
  /** Jaccard similarity of the two sets of essential skills. */
  similarity: number;
}

/** Occupations sharing essential skills with one occupation, most shared first: two store queries. */
export async function findRelatedOccupations(store: EscoStore, version: string, occupation: string, first: number): Promise<RelatedOccupation[]> {
  const shared = (await store.select(sharedEssentialSkills(occupation, first), version)).map((row) => ({
    uri: row.other!.value,
    shared: Number(row.shared!.value),
  }));
  if (shared.length === 0) return [];
  const { objects: skills } = await readObjects(store, version, 'essentialSkill', [occupation, ...shared.map((s) => s.uri)]);
  const own = skills.get(occupation)?.length ?? 0;
  return shared.map(({ uri, shared: count }) => ({
    uri,
    sharedEssentialSkills: count,
    similarity: count / (own + (skills.get(uri)?.length ?? 0) - count),
  }));
}
