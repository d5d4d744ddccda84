import { type ConceptRef, conceptRef, ratio } from './concept-ref.js';
import type { OccupationEntry, RelationsIndex } from './relations-index.js';

export type SupplyDemandGrouping = 'SKILL' | 'SKILL_GROUP' | 'TOP_GROUP';

/** What one programme or cohort teaches, weighted by its learners or graduates. */
export interface SupplyEntry {
  skills: readonly number[];
  weight: number;
}

/** One occupation in demand, weighted by its vacancies. */
export interface DemandEntry {
  occupation: OccupationEntry;
  weight: number;
}

export interface SupplyDemandRow {
  /** The skill, or the skill group, the row counts. */
  concept: ConceptRef;
  supply: number;
  demand: number;
  /** demand − supply: positive is a shortage. */
  gap: number;
  /** min(supply, demand) / demand; null without demand. */
  shareMet: number | null;
}

export interface SupplyDemand {
  version: string;
  language: string;
  groupBy: SupplyDemandGrouping;
  totalSupply: number;
  totalDemand: number;
  rows: SupplyDemandRow[];
}

/**
 * Per skill or group: supply is the summed weight of the supply entries that hold it, demand the summed weight
 * of the demand occupations that list it as essential. A group counts an entry once, however many of its skills
 * the entry holds, so a group's figures stay counts of learners and vacancies.
 */
export function supplyDemand(
  index: RelationsIndex,
  supply: readonly SupplyEntry[],
  demand: readonly DemandEntry[],
  groupBy: SupplyDemandGrouping,
  language: string,
): SupplyDemand {
  const keysOf = (skills: Iterable<number>): Set<number> => {
    const keys = new Set<number>();
    const perSkill = groupBy === 'SKILL_GROUP' ? index.skillGroups : index.topGroups;
    for (const skill of skills) {
      if (groupBy === 'SKILL') keys.add(skill);
      else for (const group of perSkill[skill]!) keys.add(group);
    }
    return keys;
  };
  const totals = new Map<number, { supply: number; demand: number }>();
  const add = (keys: Set<number>, side: 'supply' | 'demand', weight: number) => {
    for (const key of keys) {
      let row = totals.get(key);
      if (!row) totals.set(key, (row = { supply: 0, demand: 0 }));
      row[side] += weight;
    }
  };
  for (const entry of supply) add(keysOf(entry.skills), 'supply', entry.weight);
  for (const entry of demand) add(keysOf(entry.occupation.essential), 'demand', entry.weight);

  const labels = index.labels(language);
  const uris = groupBy === 'SKILL' ? index.skillUris : index.groupUris;
  const rows = [...totals].map(([key, { supply: s, demand: d }]) => ({
    concept: conceptRef(labels, uris[key]!),
    supply: s,
    demand: d,
    gap: d - s,
    shareMet: ratio(Math.min(s, d), d),
  }));
  rows.sort((a, b) => b.gap - a.gap || b.demand - a.demand || a.concept.label.localeCompare(b.concept.label));
  return {
    version: index.version,
    language,
    groupBy,
    totalSupply: supply.reduce((sum, entry) => sum + entry.weight, 0),
    totalDemand: demand.reduce((sum, entry) => sum + entry.weight, 0),
    rows,
  };
}
