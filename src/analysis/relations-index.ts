import { LRUCache } from 'lru-cache';
import type { EscoStore } from '../store/esco-store.js';
import {
  ANALYSIS_OCCUPATIONS, ANALYSIS_SKILLS, ANALYSIS_SKILL_BROADER, ANALYSIS_SKILL_GROUPS, analysisLabels,
  analysisOccupationSkills,
} from '../store/queries/analysis.js';

/** One occupation as the analyses see it: integer skill ids, so coverage is a pass over typed arrays. */
export interface OccupationEntry {
  id: number;
  uri: string;
  /** ISCO unit group code ("2512"), or "" when the data names none. */
  iscoCode: string;
  essential: Int32Array;
  optional: Int32Array;
}

/**
 * Everything the analyses read, for one ESCO version, held in memory: built once from the store by the named
 * queries of src/store/queries/analysis.ts and then shared read-only. Skills and skill groups get dense integer
 * ids (`skillUris[id]`, `groupUris[id]`).
 */
export interface RelationsIndex {
  version: string;
  occupations: OccupationEntry[];
  occupationByUri: Map<string, OccupationEntry>;
  /** Occupations per ISCO unit group code: an occupation's related occupations. */
  occupationsByIsco: Map<string, OccupationEntry[]>;
  skillUris: string[];
  skillIds: Map<string, number>;
  /** 1 for concepts typed esco:Skill (relations may name undefined ones). */
  definedSkill: Uint8Array;
  /** How many occupations list each skill as essential. */
  essentialFor: Int32Array;
  /** Transitive skill-to-skill hierarchy (skill groups excluded). */
  broaderSkills: Int32Array[];
  narrowerSkills: Int32Array[];
  groupUris: string[];
  /** The nearest skill groups of each skill: its own, or else those of its nearest broader skills. */
  skillGroups: Int32Array[];
  /** Roots of the skill-group hierarchy above each skill (ESCO's "skills", "knowledge", "transversal"…). */
  topGroups: Int32Array[];
  /** Skills per nearest group: the "same group" of partial coverage. */
  groupMembers: Int32Array[];
  /** Reads the preferred labels in a language, falling back to English, once. */
  loadLabels(language: string): Promise<Map<string, string>>;
  /** Labels that loadLabels (or relationsIndexFor) has read: the analyses that use them are synchronous. */
  labels(language: string): Map<string, string>;
}

const EMPTY = new Int32Array(0);

/**
 * Reads a SELECT of IRIs and numbers as tab-separated text: far faster than materialising 120k rows of cells.
 * Cells are IRIs without their angle brackets, numbers as written, "" when unbound.
 */
async function selectTable(store: EscoStore, query: string, version: string): Promise<string[][]> {
  const lines = (await store.selectTsv(query, version)).split('\n');
  const table: string[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line) table.push(line.split('\t').map((cell) => (cell.startsWith('<') ? cell.slice(1, -1) : cell)));
  }
  return table;
}

/** The answers an index is built from, read all at once (a server answers them side by side). */
interface Tables {
  skills: string[][];
  occupations: string[][];
  essential: string[][];
  optional: string[][];
  skillGroups: string[][];
  skillBroader: string[][];
}

async function readTables(store: EscoStore, version: string): Promise<Tables> {
  const read = (query: string) => selectTable(store, query, version);
  const [skills, occupations, essential, optional, skillGroups, skillBroader] = await Promise.all([
    read(ANALYSIS_SKILLS), read(ANALYSIS_OCCUPATIONS), read(analysisOccupationSkills('essential')),
    read(analysisOccupationSkills('optional')), read(ANALYSIS_SKILL_GROUPS), read(ANALYSIS_SKILL_BROADER),
  ]);
  return { skills, occupations, essential, optional, skillGroups, skillBroader };
}

const iscoCodeOf = (iri: string) => /\/isco\/C(\d+)$/.exec(iri)?.[1] ?? '';

/** Walks a DAG upwards from one node, returning every node reached (not the start). */
function closure(start: number, parents: number[][]): number[] {
  const seen = new Set<number>();
  const stack = [...(parents[start] ?? [])];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === start || seen.has(node)) continue;
    seen.add(node);
    stack.push(...(parents[node] ?? []));
  }
  return [...seen];
}

/** Dense ids for URIs, in first-seen order. */
class Interner {
  readonly uris: string[] = [];
  readonly ids = new Map<string, number>();

  id(uri: string): number {
    let id = this.ids.get(uri);
    if (id === undefined) {
      id = this.uris.push(uri) - 1;
      this.ids.set(uri, id);
    }
    return id;
  }
}

/** Defined occupations with their essential and optional skill ids (relations may name undefined skills). */
function readOccupations(tables: Tables, skills: Interner): OccupationEntry[] {
  const occupations: OccupationEntry[] = [];
  const byUri = new Map<string, { entry: OccupationEntry; essential: Set<number>; optional: Set<number> }>();
  for (const [uri, isco] of tables.occupations) {
    if (byUri.has(uri!)) continue;
    const entry = { id: occupations.length, uri: uri!, iscoCode: iscoCodeOf(isco ?? ''), essential: EMPTY, optional: EMPTY };
    occupations.push(entry);
    byUri.set(uri!, { entry, essential: new Set(), optional: new Set() });
  }
  for (const relation of ['essential', 'optional'] as const) {
    for (const [occupation, skill] of tables[relation]) {
      byUri.get(occupation!)![relation].add(skills.id(skill!));
    }
  }
  for (const { entry, essential, optional } of byUri.values()) {
    entry.essential = Int32Array.from(essential);
    entry.optional = Int32Array.from(optional);
  }
  return occupations;
}

interface SkillHierarchy {
  groups: Interner;
  groupParents: number[][];
  skillParents: number[][];
  skillChildren: number[][];
  directGroups: number[][];
}

/** Broader links among skill groups, among defined skills, and from skills to their groups. */
function readSkillHierarchy(tables: Tables, skills: Interner, definedCount: number): SkillHierarchy {
  const groups = new Interner();
  const groupRows = tables.skillGroups;
  for (const [group] of groupRows) groups.id(group!);
  const groupParents: number[][] = groups.uris.map(() => []);
  for (const [group, broader] of groupRows) {
    const parent = groups.ids.get(broader!);
    if (parent !== undefined) groupParents[groups.id(group!)]!.push(parent);
  }
  const skillParents: number[][] = skills.uris.map(() => []);
  const skillChildren: number[][] = skills.uris.map(() => []);
  const directGroups: number[][] = skills.uris.map(() => []);
  for (const [uri, broader] of tables.skillBroader) {
    const skill = skills.ids.get(uri!)!;
    const group = groups.ids.get(broader!);
    const parent = skills.ids.get(broader!);
    if (group !== undefined) directGroups[skill]!.push(group);
    else if (parent !== undefined && parent < definedCount) {
      skillParents[skill]!.push(parent);
      skillChildren[parent]!.push(skill);
    }
  }
  return { groups, groupParents, skillParents, skillChildren, directGroups };
}

export async function buildRelationsIndex(store: EscoStore, version: string): Promise<RelationsIndex> {
  const tables = await readTables(store, version);
  const skills = new Interner();
  // Defined skills are interned first, so ids below definedCount are exactly the defined ones.
  for (const [uri] of tables.skills) skills.id(uri!);
  const definedCount = skills.uris.length;
  const occupations = readOccupations(tables, skills);
  const { groups, groupParents, skillParents, skillChildren, directGroups } = readSkillHierarchy(tables, skills, definedCount);

  const essentialFor = new Int32Array(skills.uris.length);
  const occupationsByIsco = new Map<string, OccupationEntry[]>();
  for (const entry of occupations) {
    for (const skill of entry.essential) essentialFor[skill]!++;
    if (entry.iscoCode) occupationsByIsco.set(entry.iscoCode, [...(occupationsByIsco.get(entry.iscoCode) ?? []), entry]);
  }

  const transitive = (links: number[][]) => links.map((direct, id) => (direct.length ? Int32Array.from(closure(id, links)) : EMPTY));
  const nearestGroups = (skill: number, seen = new Set<number>()): number[] => {
    if (directGroups[skill]!.length > 0 || seen.has(skill)) return directGroups[skill]!;
    seen.add(skill);
    return [...new Set(skillParents[skill]!.flatMap((parent) => nearestGroups(parent, seen)))];
  };
  const skillGroups = skills.uris.map((_, id) => Int32Array.from(nearestGroups(id)));
  const groupRoots = groups.uris.map((_, id) => [id, ...closure(id, groupParents)].filter((g) => !groupParents[g]!.length));
  const members: number[][] = groups.uris.map(() => []);
  skillGroups.forEach((list, skill) => list.forEach((group) => members[group]!.push(skill)));

  const definedSkill = new Uint8Array(skills.uris.length);
  definedSkill.fill(1, 0, definedCount);

  const labelCache = new Map<string, Promise<Map<string, string>>>();
  const loaded = new Map<string, Map<string, string>>();
  const loadLabels = (language: string): Promise<Map<string, string>> => {
    let labels = labelCache.get(language);
    if (!labels) {
      labels = (async () => {
        const rows = await store.select(analysisLabels(language), version);
        const own = new Map(rows.map((row) => [row.concept!.value, row.label!.value]));
        const all = language === 'en' ? own : new Map([...(await loadLabels('en')), ...own]);
        loaded.set(language, all);
        return all;
      })();
      labels.catch(() => labelCache.delete(language));
      labelCache.set(language, labels);
    }
    return labels;
  };

  return {
    version,
    occupations,
    occupationByUri: new Map(occupations.map((entry) => [entry.uri, entry])),
    occupationsByIsco,
    skillUris: skills.uris,
    skillIds: skills.ids,
    definedSkill,
    essentialFor,
    broaderSkills: transitive(skillParents),
    narrowerSkills: transitive(skillChildren),
    groupUris: groups.uris,
    skillGroups,
    topGroups: skillGroups.map((list) => Int32Array.from(new Set([...list].flatMap((g) => groupRoots[g]!)))),
    groupMembers: members.map((list) => Int32Array.from(list)),
    loadLabels,
    labels(language) {
      const labels = loaded.get(language);
      if (!labels) throw new Error(`labels in "${language}" were not read: ask relationsIndexFor for that language`);
      return labels;
    },
  };
}

/** A few version imports per store: a replaced import's index goes once it is the least recently used. */
const cache = new WeakMap<EscoStore, LRUCache<string, Promise<RelationsIndex>>>();

/**
 * The index of a version (the store's default when none is named), built on first use and kept with the store,
 * with its labels in `language` (and English) read.
 */
export async function relationsIndexFor(store: EscoStore, version?: string, language = 'en'): Promise<RelationsIndex> {
  store.graph(version); // throws for an unknown version
  const chosen = version ?? store.defaultVersion!;
  let perStore = cache.get(store);
  if (!perStore) cache.set(store, (perStore = new LRUCache({ max: 4 })));
  // Per import of the version: another process's re-import (on a server) is a new index.
  const key = store.importStamp(chosen);
  let index = perStore.get(key);
  if (!index) {
    index = buildRelationsIndex(store, chosen);
    // A failed build (a server gone away) is not kept: the next request tries again.
    index.catch(() => perStore.delete(key));
    perStore.set(key, index);
  }
  const built = await index;
  await built.loadLabels(language);
  return built;
}
