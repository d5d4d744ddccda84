import { stringify } from 'csv-stringify/sync';
import type { JobAdLink, OccupationMatches, SkillsDistribution, SkillsGap, SupplyDemand, SupplyDemandRow } from '../analysis/index.js';

/** A result flattened to rows: one column list for every analysis, so every result exports the same way. */
export interface CsvTable {
  columns: string[];
  rows: (string | number | null)[][];
}

/** RFC 4180 CSV with a header row; empty cells for nulls. */
export function toCsv(table: CsvTable): string {
  return stringify([table.columns, ...table.rows.map((row) => row.map((cell) => cell ?? ''))]);
}

/** One row per skill of the occupation (covered, partly covered, missing) and per extra input skill. */
export function skillsGapTable(gap: SkillsGap): CsvTable {
  const coverageRows = (relation: 'essential' | 'optional') => {
    const part = gap[relation];
    return [
      ...part.covered.map((skill) => [skill.label, skill.uri, relation, 'COVERED', null, null, null, null]),
      ...part.missing.map((skill) => [
        skill.label, skill.uri, relation, skill.status, skill.partial?.relation ?? null, skill.partial?.via.uri ?? null,
        skill.relatedOccupations, skill.occupations,
      ]),
    ];
  };
  return {
    columns: ['skill', 'skill_url', 'relation', 'status', 'partial_relation', 'partial_via_url', 'related_occupations', 'occupations'],
    rows: [
      ...coverageRows('essential'),
      ...coverageRows('optional'),
      ...gap.extra.map((skill) => [skill.label, skill.uri, 'extra', null, null, null, null, null]),
    ],
  };
}

export function occupationMatchesTable(result: OccupationMatches): CsvTable {
  return {
    columns: [
      'occupation', 'occupation_url', 'isco_code', 'essential_total', 'essential_covered', 'essential_partial',
      'essential_missing', 'essential_coverage', 'optional_total', 'optional_covered', 'optional_partial', 'optional_missing',
      'optional_coverage',
    ],
    rows: result.matches.map(({ occupation, essential, optional }) => [
      occupation.label, occupation.uri, occupation.iscoCode,
      essential.total, essential.covered, essential.partial, essential.missing, essential.coverage,
      optional.total, optional.covered, optional.partial, optional.missing, optional.coverage,
    ]),
  };
}

const supplyDemandCells = (row: SupplyDemandRow) => [row.concept.label, row.concept.uri, row.supply, row.demand, row.gap, row.shareMet];

/**
 * One row per skill or group; by region, one per region and skill or group instead (a blank region for entries
 * given without one): every entry has one region, so the totals are the sums of the regions' rows.
 */
export function supplyDemandTable(result: SupplyDemand): CsvTable {
  const columns = ['concept', 'concept_url', 'supply', 'demand', 'gap', 'share_met'];
  if (!result.regions) return { columns, rows: result.rows.map(supplyDemandCells) };
  return {
    columns: ['region', ...columns],
    rows: result.regions.flatMap(({ region, rows }) => rows.map((row) => [region, ...supplyDemandCells(row)])),
  };
}

/**
 * The links a supply-demand answer used for job ads, for an analyst to check: the occupation counted and the
 * skills named (URIs separated by spaces). `ads`, by entry index, gives each ad's title when the input had one.
 */
export function jobAdLinksTable(links: readonly JobAdLink[], ads: readonly { title?: string }[] = []): CsvTable {
  return {
    columns: ['title', 'text', 'occupation_uri', 'occupation_label', 'score', 'skill_uris'],
    rows: links.map((link) => [
      ads[link.entry]?.title ?? null, link.text, link.occupation?.uri ?? null, link.occupation?.label ?? null,
      link.occupation?.score ?? null, link.skills.map((skill) => skill.uri).join(' '),
    ]),
  };
}

/** The columns educators' tools export: `skill,users,skill_url`. */
export function skillsDistributionTable(result: SkillsDistribution): CsvTable {
  return {
    columns: ['skill', 'users', 'skill_url'],
    rows: result.rows.map((row) => [row.skill.label, row.users, row.skill.uri]),
  };
}
