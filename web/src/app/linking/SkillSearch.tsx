import { SUGGEST, type SkillRef, type Suggest } from '../api/documents.js';
import { Autocomplete } from '../components/Autocomplete.js';

/** Autocomplete over ESCO skill labels (the API's suggest), to add a skill the ranking missed. */
export function SkillSearch({ label, onPick }: { label: string; onPick(skill: SkillRef): void }) {
  return (
    <Autocomplete<Suggest, SkillRef>
      label={label} placeholder="Add a skill: type part of its name" query={SUGGEST}
      options={(answer) => answer.suggest.map(({ label: matched, concept }) => ({
        key: concept.uri, value: concept, text: concept.preferredLabel ?? matched,
        detail: matched !== concept.preferredLabel ? `(${matched})` : undefined,
      }))}
      onPick={onPick}
    />
  );
}
