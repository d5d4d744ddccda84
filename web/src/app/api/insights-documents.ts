/** The GraphQL operations of the skills-intelligence dashboard (validated against the schema by documents.test.ts). */

export type Grouping = 'SKILL' | 'SKILL_GROUP' | 'TOP_GROUP';

export interface SupplyEntry {
  skills?: string[];
  text?: string;
  qualification?: string;
  weight: number;
  region?: string;
}

export interface DemandEntry {
  occupation?: string;
  skills?: string[];
  text?: string;
  weight: number;
  region?: string;
}

export interface LinkedOccupation {
  uri: string;
  label: string;
  score: number;
}

export interface JobAdLink {
  entry: number;
  text: string;
  occupation: LinkedOccupation | null;
  alternatives: LinkedOccupation[];
  skills: { uri: string; label: string; score: number }[];
}

export const LINK_JOB_ADS = `query LinkJobAds($ads: [String!]!) {
  linkJobAds(ads: $ads, first: 5) {
    entry text
    occupation { uri label score }
    alternatives { uri label score }
    skills { uri label score }
  }
}`;
export interface LinkJobAds {
  linkJobAds: JobAdLink[];
}

const ROWS = 'rowCount totalSupply totalDemand rows(first: 100) { concept { uri label } supply demand gap shareMet }';

export const SUPPLY_DEMAND = `query SupplyDemand($supply: [SupplyInput!]!, $demand: [DemandInput!]!, $groupBy: SupplyDemandGrouping, $byRegion: Boolean) {
  supplyDemand(supply: $supply, demand: $demand, groupBy: $groupBy, byRegion: $byRegion) {
    ${ROWS}
    regions { region ${ROWS} }
  }
}`;
export interface SupplyDemandRow {
  concept: { uri: string; label: string };
  supply: number;
  demand: number;
  gap: number;
  shareMet: number | null;
}
export interface SupplyDemandFigures {
  rowCount: number;
  totalSupply: number;
  totalDemand: number;
  rows: SupplyDemandRow[];
}
export interface SupplyDemandResult {
  supplyDemand: SupplyDemandFigures & { regions: (SupplyDemandFigures & { region: string | null })[] | null };
}
