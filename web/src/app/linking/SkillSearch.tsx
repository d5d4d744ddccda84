import { useId, useState } from 'react';
import { SUGGEST, type SkillRef, type Suggest } from '../api/documents.js';
import { useQuery } from '../use-query.js';

/** Autocomplete over ESCO skill labels (the API's suggest), to add a skill the ranking missed. */
export function SkillSearch({ label, onPick }: { label: string; onPick(skill: SkillRef): void }) {
  const [prefix, setPrefix] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const query = prefix.trim();
  const { data } = useQuery<Suggest>(SUGGEST, { prefix: query }, query.length < 2);
  const options = query.length < 2 ? [] : (data?.suggest ?? []);
  const pick = (index: number) => {
    const option = options[index];
    if (!option) return;
    onPick(option.concept);
    setPrefix('');
  };
  return (
    <div className="skill-search">
      <input
        role="combobox" aria-label={label} aria-expanded={options.length > 0} aria-controls={listId} aria-autocomplete="list"
        aria-activedescendant={options.length ? `${listId}-${active}` : undefined}
        placeholder="Add a skill: type part of its name" value={prefix}
        onChange={(e) => { setPrefix(e.target.value); setActive(0); }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, options.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') pick(active);
          else if (e.key === 'Escape') setPrefix('');
          else return;
          e.preventDefault();
        }}
      />
      {options.length > 0 && (
        <ul role="listbox" id={listId} className="options">
          {options.map((option, index) => (
            <li key={option.concept.uri} id={`${listId}-${index}`} role="option" aria-selected={index === active}
              onMouseDown={(e) => { e.preventDefault(); pick(index); }}>
              {option.concept.preferredLabel ?? option.label}
              {option.label !== option.concept.preferredLabel && <span className="meta"> ({option.label})</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
