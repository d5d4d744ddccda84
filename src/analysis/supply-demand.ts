import { type ConceptRef, conceptRef, ratio } from './concept-ref.js';
import type { RelationsIndex } from './relations-index.js';

export type SupplyDemandGrouping = 'SKILL' | 'SKILL_GROUP' | 'TOP_GROUP';

/**
 * Supply: what one programme or cohort teaches, weighted by its learners or graduates. Demand: what one occupation
 * or job ad asks for, weighted by its vacancies.
 */
export interface SkillsEntry {
  skills: readonly number[];
  weight: number;
  /** null: given without a region. */
  region: string | null;
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

export interface SupplyDemandTotals {
  totalSupply: number;
  totalDemand: number;
  rows: SupplyDemandRow[];
}

export interface RegionSupplyDemand extends SupplyDemandTotals {
  region: string | null;
}

export interface SupplyDemand extends SupplyDemandTotals {
  version: string;
  language: string;
  groupBy: SupplyDemandGrouping;
  /** With `byRegion`: the same figures over each region's entries alone, regions by name, unnamed last. */
  regions: RegionSupplyDemand[] | null;
}

/**
 * Per skill or group: supply is the summed weight of the supply entries that hold it, demand the summed weight of
 * the demand entries that ask for it. A group counts an entry once, however many of its skills the entry holds,
 * so a group's figures stay counts of learners and vacancies.
 */
export function supplyDemand(
  index: RelationsIndex,
  supply: readonly SkillsEntry[],
  demand: readonly SkillsEntry[],
  options: { groupBy: SupplyDemandGrouping; language: string; byRegion?: boolean },
): SupplyDemand {
  const { groupBy, language } = options;
  let regions: RegionSupplyDemand[] | null = null;
  if (options.byRegion) {
    const names = [...new Set([...supply, ...demand].map((entry) => entry.region))]
      .sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
    regions = names.map((region) => ({
      region,
      ...tally(index, supply.filter((e) => e.region === region), demand.filter((e) => e.region === region), groupBy, language),
    }));
  }
  return { version: index.version, language, groupBy, ...tally(index, supply, demand, groupBy, language), regions };
}

function tally(
  index: RelationsIndex,
  supply: readonly SkillsEntry[],
  demand: readonly SkillsEntry[],
  groupBy: SupplyDemandGrouping,
  language: string,
): SupplyDemandTotals {
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
  for (const entry of demand) add(keysOf(entry.skills), 'demand', entry.weight);

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
    totalSupply: supply.reduce((sum, entry) => sum + entry.weight, 0),
    totalDemand: demand.reduce((sum, entry) => sum + entry.weight, 0),
    rows,
  };
}
