import Papa from 'papaparse';
import type { DemandEntry, JobAdLink, SupplyEntry } from '../api/insights-documents.js';

/**
 * The dashboard's inputs as the analyst brings them — CSV files of programmes and of job ads — turned into the
 * supplyDemand API's entries, with every problem named by file, row and column.
 */

export interface Programme extends SupplyEntry {
  name: string;
}

export interface JobAd {
  title: string;
  text: string;
  weight: number;
  region?: string;
}

/** Demand given directly as occupations, one row each. */
export interface OccupationDemand {
  occupation: string;
  weight: number;
  region?: string;
}

type Row = Record<string, string | undefined>;

function readCsv(text: string, source: string): { rows: Row[]; columns: string[] } {
  const { data, errors, meta } = Papa.parse<Row>(text.replace(/^\uFEFF/, '').trim(), { header: true, skipEmptyLines: true, transformHeader: (h) => h.trim().toLowerCase() });
  if (errors[0]) throw new Error(`${source}: row ${(errors[0].row ?? 0) + 2}: ${errors[0].message}`);
  if (data.length === 0) throw new Error(`${source} has a header but no rows`);
  return { rows: data, columns: meta.fields ?? [] };
}

function requireColumns(columns: string[], required: string[], source: string, expected: string) {
  const missing = required.filter((c) => !columns.includes(c));
  if (missing.length) throw new Error(`${source}: no ${missing.join(', ')} column; the header must be ${expected} (found: ${columns.join(',') || 'nothing'})`);
}

function weightOf(row: Row, line: number, source: string): number {
  const raw = row.weight?.trim();
  if (!raw) return 1;
  const weight = Number(raw);
  if (!Number.isInteger(weight) || weight < 0) throw new Error(`${source}: row ${line}: weight "${raw}" is not a whole number ≥ 0`);
  return weight;
}

const regionOf = (row: Row) => row.region?.trim() || undefined;
const ESCO_URI = (kind: string) => new RegExp(`^http://data\\.europa\\.eu/esco/${kind}/[0-9a-f-]+$`);

/** `programme,learning_outcomes|skills,weight[,region]`: outcomes as text, or skill URIs separated by spaces, ; or |. */
export function parseProgrammesCsv(text: string, source: string): Programme[] {
  const { rows, columns } = readCsv(text, source);
  const expected = 'programme,learning_outcomes,weight[,region] or programme,skills,weight[,region]';
  requireColumns(columns, ['programme'], source, expected);
  if (!columns.includes('learning_outcomes') && !columns.includes('skills')) requireColumns(columns, ['learning_outcomes'], source, expected);
  return rows.map((row, index) => {
    const line = index + 2;
    const name = row.programme?.trim();
    if (!name) throw new Error(`${source}: row ${line} has no programme`);
    const outcomes = row.learning_outcomes?.trim();
    const skills = row.skills?.split(/[\s;|,]+/).filter(Boolean);
    const base = { name, weight: weightOf(row, line, source), region: regionOf(row) };
    if (outcomes) return { ...base, text: outcomes };
    if (skills?.length) {
      const bad = skills.find((s) => !ESCO_URI('skill').test(s));
      if (bad) throw new Error(`${source}: row ${line}: "${bad}" is not an ESCO skill URI`);
      return { ...base, skills };
    }
    throw new Error(`${source}: row ${line} (${name}) has neither learning outcomes nor skills`);
  });
}

/** Job ads `title,text,weight[,region]`, or occupations `occupation,weight[,region]` (ESCO occupation URIs). */
export function parseDemandCsv(text: string, source: string): { ads: JobAd[]; occupations: OccupationDemand[] } {
  const { rows, columns } = readCsv(text, source);
  if (columns.includes('occupation')) {
    return {
      ads: [],
      occupations: rows.map((row, index) => {
        const occupation = row.occupation?.trim() ?? '';
        if (!ESCO_URI('occupation').test(occupation)) throw new Error(`${source}: row ${index + 2}: "${occupation}" is not an ESCO occupation URI`);
        return { occupation, weight: weightOf(row, index + 2, source), region: regionOf(row) };
      }),
    };
  }
  requireColumns(columns, ['title', 'text'], source, 'title,text,weight[,region] or occupation,weight[,region]');
  return {
    occupations: [],
    ads: rows.map((row, index) => {
      const title = row.title?.trim() ?? '';
      const body = row.text?.trim() ?? '';
      if (!title && !body) throw new Error(`${source}: row ${index + 2} has neither title nor text`);
      return { title, text: body, weight: weightOf(row, index + 2, source), region: regionOf(row) };
    }),
  };
}

/** What the linker reads of an ad: its title on its own line, then its text. */
export const adText = (ad: JobAd) => [ad.title, ad.text].filter(Boolean).join('\n');

export const supplyEntries = (programmes: Programme[]): SupplyEntry[] => programmes.map(({ name: _name, ...entry }) => entry);

/**
 * Demand entries once the analyst has checked the links: each ad as its (possibly corrected) occupation plus the
 * skills its text names — the same demand the API counts for the ad given as text, with the correction applied.
 * An ad linked to no occupation counts by its named skills alone.
 */
export function demandEntries(ads: JobAd[], links: JobAdLink[], corrections: Map<number, string>, occupations: OccupationDemand[]): DemandEntry[] {
  const fromAds = ads.flatMap((ad, index): DemandEntry[] => {
    const link = links[index];
    if (!link) return [];
    const occupation = corrections.get(index) ?? link.occupation?.uri;
    const skills = link.skills.map((s) => s.uri);
    if (!occupation && skills.length === 0) return [];
    return [{ ...(occupation ? { occupation } : {}), skills, weight: ad.weight, ...(ad.region ? { region: ad.region } : {}) }];
  });
  return [...fromAds, ...occupations.map((o) => ({ occupation: o.occupation, weight: o.weight, ...(o.region ? { region: o.region } : {}) }))];
}

/** The links used, to take away with the table: one row per ad. */
export function linksCsv(ads: JobAd[], links: JobAdLink[], corrections: Map<number, string>): string {
  return Papa.unparse({
    fields: ['title', 'text', 'region', 'weight', 'occupation_uri', 'occupation_label', 'score', 'corrected', 'skill_uris'],
    data: ads.map((ad, index) => {
      const link = links[index];
      const corrected = corrections.get(index);
      const chosen = corrected ? [link?.occupation, ...(link?.alternatives ?? [])].find((o) => o?.uri === corrected) : link?.occupation;
      return [ad.title, ad.text, ad.region ?? '', ad.weight, corrected ?? chosen?.uri ?? '', chosen?.label ?? '', chosen?.score?.toFixed(3) ?? '',
        corrected ? 'yes' : 'no', link?.skills.map((s) => s.uri).join(' ') ?? ''];
    }),
  });
}
