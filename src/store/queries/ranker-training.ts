import { PREFIXES } from './prefixes.js';

/**
 * Every occupation with each skill it lists as essential: an occupation's description → those skills is a
 * training pair ESCO itself gives for the learned ranker. Unordered: the caller sorts, as for conceptTexts.
 */
export function occupationEssentialSkills(): string {
  return `${PREFIXES}
SELECT ?occupation ?skill WHERE {
  ?occupation a esco:Occupation ; esco:hasEssentialSkill ?skill .
  ?skill a esco:Skill .
}`;
}
