import { useLocation } from 'wouter';
import { SEARCH_ESCO, type SearchEsco as Result } from '../api/explorer-documents.js';
import { Autocomplete } from '../components/Autocomplete.js';
import { occupationPath, skillPath } from './links.js';

/** Global autocomplete over occupations and skills (the API's typo-tolerant suggest); picking one opens its page. */
export function SearchEsco() {
  const [, navigate] = useLocation();
  return (
    <Autocomplete<Result, Result['suggest'][number]['concept']>
      role="search" label="Search ESCO" placeholder="Search occupations and skills" query={SEARCH_ESCO}
      options={(answer) => answer.suggest.map(({ label, concept }) => ({
        key: concept.uri,
        value: concept,
        text: concept.preferredLabel ?? label,
        detail: `· ${concept.type === 'OCCUPATION' ? 'occupation' : 'skill'}${label !== concept.preferredLabel ? ` (${label})` : ''}`,
      }))}
      onPick={(concept) => navigate(concept.type === 'OCCUPATION' ? occupationPath(concept.uri) : skillPath(concept.uri))}
    />
  );
}
