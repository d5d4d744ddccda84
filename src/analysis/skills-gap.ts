import { type ConceptRef, conceptRef, ratio } from './concept-ref.js';
import type { OccupationEntry, RelationsIndex } from './relations-index.js';
import { type PartialRelation, type SkillCover, partialRelationOf } from './skill-cover.js';

/** A skill of the occupation that the input does not fully cover. */
export interface GapSkill extends ConceptRef {
  essential: boolean;
  status: 'PARTIAL' | 'MISSING';
  /** How the input partly covers it: an input skill narrower or broader than it, or in the same skill group. */
  partial: { relation: PartialRelation; via: ConceptRef } | null;
  /** Occupations of the same ISCO unit group (the occupation's related occupations) that list the skill. */
  relatedOccupations: number;
  /** Occupations of the whole version that list the skill as essential. */
  occupations: number;
}

export interface SkillCoverage {
  total: number;
  covered: ConceptRef[];
  /** Not fully covered (partly covered ones included, with status PARTIAL), in the ranked order. */
  missing: GapSkill[];
  partialCount: number;
  /** Fully covered / total; null when the occupation lists none. */
  coverage: number | null;
  /** (Fully + partly covered) / total. */
  coverageWithPartial: number | null;
}

export interface SkillsGap {
  version: string;
  language: string;
  occupation: ConceptRef & { iscoCode: string };
  essential: SkillCoverage;
  optional: SkillCoverage;
  /** Every skill not fully covered: essential first, then by how many related occupations list it. */
  missing: GapSkill[];
  /** Input skills the occupation does not list. */
  extra: ConceptRef[];
}

/** How many of the occupation's related occupations (same ISCO unit group, itself excluded) list each skill. */
function relatedCounts(index: RelationsIndex, occupation: OccupationEntry): Int32Array {
  const counts = new Int32Array(index.skillUris.length);
  for (const other of index.occupationsByIsco.get(occupation.iscoCode) ?? []) {
    if (other === occupation) continue;
    for (const skill of other.essential) counts[skill]!++;
    for (const skill of other.optional) counts[skill]!++;
  }
  return counts;
}

const byNeed = (a: GapSkill, b: GapSkill) =>
  Number(b.essential) - Number(a.essential) ||
  b.relatedOccupations - a.relatedOccupations ||
  b.occupations - a.occupations ||
  a.label.localeCompare(b.label);

/** The skills gap between an input skill set (as a cover) and one occupation, labelled in `language`. */
export function skillsGap(index: RelationsIndex, occupation: OccupationEntry, cover: SkillCover, language: string): SkillsGap {
  const labels = index.labels(language);
  const ref = (skill: number) => conceptRef(labels, index.skillUris[skill]!);
  const related = relatedCounts(index, occupation);

  const coverage = (skills: Int32Array, essential: boolean): SkillCoverage => {
    const covered: ConceptRef[] = [];
    const missing: GapSkill[] = [];
    let partialCount = 0;
    for (const skill of skills) {
      if (cover.has[skill]) {
        covered.push(ref(skill));
        continue;
      }
      const relation = partialRelationOf(cover, skill);
      if (relation) partialCount++;
      missing.push({
        ...ref(skill),
        essential,
        status: relation ? 'PARTIAL' : 'MISSING',
        partial: relation ? { relation, via: ref(cover.via[skill]!) } : null,
        relatedOccupations: related[skill]!,
        occupations: index.essentialFor[skill]!,
      });
    }
    covered.sort((a, b) => a.label.localeCompare(b.label));
    missing.sort(byNeed);
    return {
      total: skills.length,
      covered,
      missing,
      partialCount,
      coverage: ratio(covered.length, skills.length),
      coverageWithPartial: ratio(covered.length + partialCount, skills.length),
    };
  };

  const essential = coverage(occupation.essential, true);
  const optional = coverage(occupation.optional, false);
  const listed = new Set([...occupation.essential, ...occupation.optional]);
  return {
    version: index.version,
    language,
    occupation: { ...conceptRef(labels, occupation.uri), iscoCode: occupation.iscoCode },
    essential,
    optional,
    missing: [...essential.missing, ...optional.missing],
    extra: cover.skills.filter((skill) => !listed.has(skill)).map(ref),
  };
}
