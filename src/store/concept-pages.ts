import { LRUCache } from 'lru-cache';
import type { EscoStore } from './esco-store.js';
import { readObjects } from './concept-reader.js';
import { CONCEPT_SCHEMES, COLLECTION_SIZES, iscoGroupByCode, sharedEssentialSkills } from './queries/concepts.js';
import {
  type OccupationPageFilter, type PageWindow, type SkillPageFilter, collectionListing, occupationListing, skillListing,
} from './queries/pages.js';

/** Listings and lookups that are not per-concept batches: pages in URI order with their counts, and finders. */

export interface UriPage {
  uris: string[];
  hasNextPage: boolean;
}

const uris = async (store: EscoStore, query: string, version: string) => (await store.select(query, version)).map((row) => row.c!.value);

/**
 * Every listing's URIs, sorted, per store, version import and query: a page is a slice of it and a count its
 * length. An engine sorts the whole listing again for each `ORDER BY … OFFSET` page (Oxigraph's server took seconds
 * a page of 13,896 skills), so a listing is read once; a re-import (another graph or import time) reads it anew.
 * A few dozen listings of at most ~14,000 URIs each: a few MB at most.
 */
const listings = new WeakMap<EscoStore, LRUCache<string, Promise<string[]>>>();

function listing(store: EscoStore, version: string, query: string): Promise<string[]> {
  let cache = listings.get(store);
  if (!cache) listings.set(store, (cache = new LRUCache({ max: 64 })));
  const key = `${store.importStamp(version)} ${query}`;
  let found = cache.get(key);
  if (!found) {
    // Code-unit order, as SPARQL orders IRIs: ESCO's are ASCII.
    found = uris(store, query, version).then((list) => list.sort());
    cache.set(key, found);
    found.catch(() => cache.delete(key));
  }
  return found;
}

async function pageOf(store: EscoStore, version: string, query: string, window: PageWindow): Promise<UriPage> {
  const all = await listing(store, version, query);
  const start = Math.trunc(window.offset);
  return { uris: all.slice(start, start + Math.trunc(window.limit)), hasNextPage: all.length > start + window.limit };
}
const countOf = async (store: EscoStore, version: string, query: string) => (await listing(store, version, query)).length;

export const listOccupations = (store: EscoStore, version: string, filter: OccupationPageFilter, window: PageWindow) =>
  pageOf(store, version, occupationListing(filter), window);
export const countOccupations = (store: EscoStore, version: string, filter: OccupationPageFilter) =>
  countOf(store, version, occupationListing(filter));

export const listSkills = (store: EscoStore, version: string, filter: SkillPageFilter, window: PageWindow) =>
  pageOf(store, version, skillListing(filter), window);
export const countSkills = (store: EscoStore, version: string, filter: SkillPageFilter) => countOf(store, version, skillListing(filter));

export const listCollectionMembers = (store: EscoStore, version: string, collection: string, window: PageWindow) =>
  pageOf(store, version, collectionListing(collection), window);
export const countCollectionMembers = (store: EscoStore, version: string, collection: string) =>
  countOf(store, version, collectionListing(collection));

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
