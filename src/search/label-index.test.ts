import MiniSearch from 'minisearch';
import { describe, expect, it, vi } from 'vitest';
import type { ConceptLabelSet } from '../store/concept-reader.js';
import { LabelIndex } from './label-index.js';

const concept = (uri: string, preferred: string, alternative: string[] = [], hidden: string[] = []): ConceptLabelSet => ({
  uri: `http://example.org/${uri}`,
  kind: uri.startsWith('skill') ? 'SKILL' : 'OCCUPATION',
  preferred: [preferred],
  alternative,
  hidden,
});

const index = new LabelIndex([
  concept('occupation/developer', 'software developer', ['software engineer']),
  concept('occupation/embedded', 'embedded systems software developer', ['embedded software engineer']),
  concept('occupation/chef', 'chef', ['cook'], ['kitchen chef']),
  concept('skill/java', 'Java (computer programming)', ['J2EE']),
  concept('skill/csharp', 'C#'),
]);

const uris = (hits: { uri: string }[]) => hits.map((hit) => hit.uri.replace('http://example.org/', ''));

describe('LabelIndex', () => {
  it('ranks the concept named exactly first, and finds it with typos', () => {
    const exact = index.search('software developer', { limit: 10 });
    expect(uris(exact.hits)).toEqual(['occupation/developer', 'occupation/embedded']);
    expect(exact.hits[0]).toMatchObject({ matchedLabel: 'software developer', matchedLabelKind: 'PREFERRED' });
    expect(uris(index.search('sofware develper', { limit: 10 }).hits).sort()).toEqual(['occupation/developer', 'occupation/embedded']);
  });

  it('counts each concept once, names the label that matched, and filters by kind', () => {
    expect(index.search('cook', { limit: 10 }).hits).toEqual([
      expect.objectContaining({ uri: 'http://example.org/occupation/chef', matchedLabel: 'cook', matchedLabelKind: 'ALTERNATIVE' }),
    ]);
    expect(index.search('kitchen', { limit: 10 }).hits[0]).toMatchObject({ matchedLabelKind: 'HIDDEN' });
    expect(uris(index.search('c#', { limit: 10, kinds: ['SKILL'] }).hits)).toEqual(['skill/csharp']);
    expect(index.search('developer', { limit: 10, kinds: ['SKILL'] }).total).toBe(0);
    expect(index.size).toBe(5);
  });

  it('suggests concepts whose labels hold every word typed, as prefixes', () => {
    expect(uris(index.suggest('softw develo', { limit: 10 })).sort()).toEqual(['occupation/developer', 'occupation/embedded']);
    expect(uris(index.suggest('java prog', { limit: 10 }))).toEqual(['skill/java']);
    expect(index.suggest('chef java', { limit: 10 })).toEqual([]);
  });

  it('answers a search or a completion asked again from memory, per text, kinds and limit', () => {
    const fresh = new LabelIndex([concept('occupation/chef', 'chef', ['cook']), concept('skill/java', 'Java (computer programming)')]);
    const searched = vi.spyOn(MiniSearch.prototype, 'search');
    const first = fresh.search('chef', { limit: 10 });
    expect(fresh.search('chef', { limit: 10 })).toEqual(first);
    expect(searched).toHaveBeenCalledTimes(1);
    expect(fresh.search('chef', { limit: 10, kinds: ['SKILL'] }).hits).toEqual([]);
    expect(fresh.suggest('ja', { limit: 5 })).toEqual(fresh.suggest('ja', { limit: 5 }));
    expect(searched).toHaveBeenCalledTimes(3);
    searched.mockRestore();
  });
});
