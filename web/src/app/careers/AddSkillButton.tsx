import type { SkillRef } from '../api/documents.js';
import { useProfile } from './profile-context.js';

/** "Add <label>" to My skills, or, once there, a way to take it out again. */
export function AddSkillButton({ skill }: { skill: SkillRef }) {
  const { profile, add, remove } = useProfile();
  const label = skill.preferredLabel ?? skill.uri;
  return profile.skills.some((s) => s.uri === skill.uri) ? (
    <button type="button" className="held" aria-label={`Remove ${label} from My skills`} onClick={() => remove(skill.uri)}>✓ in My skills</button>
  ) : (
    <button type="button" aria-label={`Add ${label}`} onClick={() => add(skill)}>Add</button>
  );
}
