import { useId, useState } from 'react';
import { useQuery } from '../use-query.js';

export interface Option<V> {
  key: string;
  text: string;
  detail?: string;
  value: V;
}

interface Props<T, V> {
  label: string;
  placeholder: string;
  /** A GraphQL query taking `$prefix`; asked from the second character typed. */
  query: string;
  options(answer: T): Option<V>[];
  onPick(value: V): void;
  role?: 'search';
}

/** An ARIA combobox over an API query: arrows move, Enter picks, Escape clears; the newest answer always wins. */
export function Autocomplete<T, V>({ label, placeholder, query, options: optionsOf, onPick, role }: Props<T, V>) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const prefix = text.trim();
  const { data } = useQuery<T>(query, { prefix }, prefix.length < 2);
  const options = prefix.length < 2 || !data ? [] : optionsOf(data);
  const pick = (index: number) => {
    const option = options[index];
    if (!option) return;
    setText('');
    onPick(option.value);
  };
  return (
    <div className="autocomplete" role={role}>
      <input
        role="combobox" aria-label={label} aria-expanded={options.length > 0} aria-controls={listId} aria-autocomplete="list"
        aria-activedescendant={options.length ? `${listId}-${active}` : undefined}
        placeholder={placeholder} value={text}
        onChange={(e) => { setText(e.target.value); setActive(0); }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, options.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') pick(active);
          else if (e.key === 'Escape') setText('');
          else return;
          e.preventDefault();
        }}
      />
      {options.length > 0 && (
        <ul role="listbox" id={listId} className="options">
          {options.map((option, index) => (
            <li key={option.key} id={`${listId}-${index}`} role="option" aria-selected={index === active}
              onMouseDown={(e) => { e.preventDefault(); pick(index); }}>
              {option.text}
              {option.detail && <span className="meta"> {option.detail}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
