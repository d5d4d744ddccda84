import { readEscoCsv } from './csv-oracle.js';
import { ESCO_V111 } from './shared-data.js';

/**
 * ESCO v1.1.1 relations read straight from the official CSVs, for analysis tests to recompute what escograph
 * answers. Read once per test file.
 */
export interface EscoRelations {
  essential: Map<string, string[]>;
  optional: Map<string, string[]>;
  occupations: Record<string, string>[];
  skillLabels: Map<string, string>;
  /** Skill → broader skills (skill-to-skill links only). */
  broaderSkills: Map<string, string[]>;
  /** Skill → skill groups it sits in directly. */
  directGroups: Map<string, string[]>;
}

let cached: EscoRelations | undefined;

const push = (map: Map<string, string[]>, key: string, value: string) => map.set(key, [...(map.get(key) ?? []), value]);

export function escoRelations(): EscoRelations {
  if (cached) return cached;
  const dir = ESCO_V111();
  const essential = new Map<string, string[]>();
  const optional = new Map<string, string[]>();
  for (const row of readEscoCsv(dir, 'occupationSkillRelations.csv')) {
    push(row.relationType === 'essential' ? essential : optional, row.occupationUri!, row.skillUri!);
  }
  const broaderSkills = new Map<string, string[]>();
  const directGroups = new Map<string, string[]>();
  for (const row of readEscoCsv(dir, 'broaderRelationsSkillPillar.csv')) {
    if (row.conceptType !== 'KnowledgeSkillCompetence') continue;
    push(row.broaderType === 'SkillGroup' ? directGroups : broaderSkills, row.conceptUri!, row.broaderUri!);
  }
  const skillLabels = new Map(readEscoCsv(dir, 'skills_en.csv').map((row) => [row.conceptUri!, row.preferredLabel!]));
  const occupations = readEscoCsv(dir, 'occupations_en.csv');
  cached = { essential, optional, occupations, skillLabels, broaderSkills, directGroups };
  return cached;
}

/** A skill's nearest skill groups: its own, else those of its broader skills (as ESCO files skills under groups). */
export function nearestGroups(relations: EscoRelations, skill: string): string[] {
  const own = relations.directGroups.get(skill);
  if (own?.length) return own;
  return [...new Set((relations.broaderSkills.get(skill) ?? []).flatMap((b) => nearestGroups(relations, b)))];
}
