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
  /** Preferred labels in a language, falling back to English; loaded on first use. */
  labels(language: string): Map<string, string>;
}

const EMPTY = new Int32Array(0);

/**
 * Reads a SELECT of IRIs and numbers as tab-separated text: far faster than materialising 120k rows of terms.
 * Cells are IRIs without their angle brackets, numbers as written, "" when unbound.
 */
function selectTable(store: EscoStore, query: string, version: string): string[][] {
  const tsv = store.store.query(query, {
    default_graph: store.graph(version),
    results_format: 'text/tab-separated-values',
  } as Parameters<typeof store.store.query>[1]) as unknown as string;
  const lines = tsv.split('\n');
  const table: string[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line) table.push(line.split('\t').map((cell) => (cell.startsWith('<') ? cell.slice(1, -1) : cell)));
  }
  return table;
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

export function buildRelationsIndex(store: EscoStore, version: string): RelationsIndex {
  const skillUris: string[] = [];
  const skillIds = new Map<string, number>();
  const skillId = (uri: string) => {
    let id = skillIds.get(uri);
    if (id === undefined) {
      id = skillUris.push(uri) - 1;
      skillIds.set(uri, id);
    }
    return id;
  };
  const definedRows = selectTable(store, ANALYSIS_SKILLS, version);
  for (const [uri] of definedRows) skillId(uri!);

  const occupations: OccupationEntry[] = [];
  const occupationByUri = new Map<string, OccupationEntry>();
  for (const [uri, isco] of selectTable(store, ANALYSIS_OCCUPATIONS, version)) {
    if (occupationByUri.has(uri!)) continue;
    const entry = { id: occupations.length, uri: uri!, iscoCode: iscoCodeOf(isco ?? ''), essential: EMPTY, optional: EMPTY };
    occupations.push(entry);
    occupationByUri.set(uri!, entry);
  }

  const lists = occupations.map(() => ({ essential: [] as number[], optional: [] as number[] }));
  for (const relation of ['essential', 'optional'] as const) {
    for (const [occupation, skill] of selectTable(store, analysisOccupationSkills(relation), version)) {
      lists[occupationByUri.get(occupation!)!.id]![relation].push(skillId(skill!));
    }
  }
  const essentialFor = new Int32Array(skillUris.length);
  occupations.forEach((entry, i) => {
    entry.essential = Int32Array.from(new Set(lists[i]!.essential));
    entry.optional = Int32Array.from(new Set(lists[i]!.optional));
    for (const skill of entry.essential) essentialFor[skill]!++;
  });

  const occupationsByIsco = new Map<string, OccupationEntry[]>();
  for (const entry of occupations) {
    if (!entry.iscoCode) continue;
    const group = occupationsByIsco.get(entry.iscoCode) ?? [];
    group.push(entry);
    occupationsByIsco.set(entry.iscoCode, group);
  }

  const groupUris: string[] = [];
  const groupIds = new Map<string, number>();
  const groupRows = selectTable(store, ANALYSIS_SKILL_GROUPS, version);
  for (const [group] of groupRows) {
    if (!groupIds.has(group!)) groupIds.set(group!, groupUris.push(group!) - 1);
  }
  const groupParents: number[][] = groupUris.map(() => []);
  for (const [group, broader] of groupRows) {
    const parent = groupIds.get(broader!);
    if (parent !== undefined) groupParents[groupIds.get(group!)!]!.push(parent);
  }

  const skillParents: number[][] = skillUris.map(() => []);
  const skillChildren: number[][] = skillUris.map(() => []);
  const directGroups: number[][] = skillUris.map(() => []);
  for (const [uri, broader] of selectTable(store, ANALYSIS_SKILL_BROADER, version)) {
    const skill = skillIds.get(uri!)!;
    const group = groupIds.get(broader!);
    const parent = skillIds.get(broader!);
    if (group !== undefined) directGroups[skill]!.push(group);
    else if (parent !== undefined && definedRows.length > parent) {
      skillParents[skill]!.push(parent);
      skillChildren[parent]!.push(skill);
    }
  }

  const broaderSkills = skillUris.map((_, id) => (skillParents[id]!.length ? Int32Array.from(closure(id, skillParents)) : EMPTY));
  const narrowerSkills = skillUris.map((_, id) => (skillChildren[id]!.length ? Int32Array.from(closure(id, skillChildren)) : EMPTY));

  const nearestGroups = (skill: number, seen = new Set<number>()): number[] => {
    if (directGroups[skill]!.length > 0 || seen.has(skill)) return directGroups[skill]!;
    seen.add(skill);
    return [...new Set(skillParents[skill]!.flatMap((parent) => nearestGroups(parent, seen)))];
  };
  const skillGroups = skillUris.map((_, id) => Int32Array.from(nearestGroups(id)));

  const groupRoots = groupUris.map((_, id) => [id, ...closure(id, groupParents)].filter((g) => !groupParents[g]!.length));
  const topGroups = skillGroups.map((groups) => Int32Array.from(new Set([...groups].flatMap((g) => groupRoots[g]!))));

  const members: number[][] = groupUris.map(() => []);
  skillGroups.forEach((groups, skill) => groups.forEach((group) => members[group]!.push(skill)));

  const definedSkill = new Uint8Array(skillUris.length);
  definedSkill.fill(1, 0, definedRows.length);

  const labelCache = new Map<string, Map<string, string>>();
  const labelsIn = (language: string): Map<string, string> => {
    let labels = labelCache.get(language);
    if (!labels) {
      const rows = store.select(analysisLabels(language), version);
      labels = new Map(rows.map((row) => [row.get('concept')!.value, row.get('label')!.value]));
      if (language !== 'en') labels = new Map([...labelsIn('en'), ...labels]);
      labelCache.set(language, labels);
    }
    return labels;
  };

  return {
    version,
    occupations,
    occupationByUri,
    occupationsByIsco,
    skillUris,
    skillIds,
    definedSkill,
    essentialFor,
    broaderSkills,
    narrowerSkills,
    groupUris,
    skillGroups,
    topGroups,
    groupMembers: members.map((list) => Int32Array.from(list)),
    labels: labelsIn,
  };
}

const cache = new WeakMap<EscoStore, Map<string, RelationsIndex>>();

/** The index of a version (the store's default when none is named), built on first use and kept with the store. */
export function relationsIndexFor(store: EscoStore, version?: string): RelationsIndex {
  store.graph(version); // throws for an unknown version
  const chosen = version ?? store.defaultVersion!;
  let perStore = cache.get(store);
  if (!perStore) cache.set(store, (perStore = new Map()));
  let index = perStore.get(chosen);
  if (!index) perStore.set(chosen, (index = buildRelationsIndex(store, chosen)));
  return index;
}
