import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT, deleteOutcome, draftProblems, editOutcome, levelsUpdate, loadDraft, mergeWithNext, missingForElm, qualificationInput, saveDraft, splitOutcome } from './draft.js';

describe('correcting a split', () => {
  const outcomes = ['Explain the ethics of AI.', 'Identify bias', 'in data sets.'];

  it('edits, deletes, merges with the next and splits at the caret', () => {
    expect(editOutcome(outcomes, 0, 'Explain AI ethics.')[0]).toBe('Explain AI ethics.');
    expect(deleteOutcome(outcomes, 0)).toEqual(['Identify bias', 'in data sets.']);
    expect(mergeWithNext(outcomes, 1)).toEqual(['Explain the ethics of AI.', 'Identify bias in data sets.']);
    expect(splitOutcome(['Cook seafood and clean the kitchen.'], 0, 13)).toEqual(['Cook seafood', 'and clean the kitchen.']);
  });

  it('leaves the list alone when a merge has no next outcome or a split would leave a side empty', () => {
    expect(mergeWithNext(outcomes, 2)).toBe(outcomes);
    expect(splitOutcome(outcomes, 0, 0)).toBe(outcomes);
    expect(splitOutcome(outcomes, 0, 999)).toBe(outcomes);
  });
});

describe('storing a draft', () => {
  it('names what is missing or malformed', () => {
    expect(draftProblems(EMPTY_DRAFT)).toEqual(['Give the qualification a title.', 'There are no learning outcomes yet.']);
    const bad = { ...EMPTY_DRAFT, title: 'AI', outcomes: ['x'], eqfLevel: '9', iscedFCode: '613', nqfLevel: 'x'.repeat(51) };
    expect(draftProblems(bad)).toHaveLength(3);
    expect(draftProblems({ ...bad, eqfLevel: '6', iscedFCode: '0613', nqfLevel: 'RQF Level 6' })).toEqual([]);
  });

  it('sends trimmed, non-empty outcomes and only the levels given', () => {
    const draft = { ...EMPTY_DRAFT, title: ' Ethics of AI ', outcomes: [' Explain bias. ', ' '], eqfLevel: '6', iscedFCode: '0613' };
    expect(qualificationInput(draft)).toEqual({ title: 'Ethics of AI', language: 'en', learningOutcomes: ['Explain bias.'], eqfLevel: 6, iscedFCode: '0613' });
  });
});

describe('levels and the draft kept in the browser', () => {
  it('names what a Europass export lacks and sends emptied levels as null', () => {
    expect(missingForElm({ eqfLevel: '6', iscedFCode: '', nqfLevel: '' })).toEqual(['ISCED-F field', 'NQF level']);
    expect(levelsUpdate({ eqfLevel: '6', iscedFCode: '', nqfLevel: 'RQF Level 6' })).toEqual({ eqfLevel: 6, iscedFCode: null, nqfLevel: 'RQF Level 6' });
  });

  it('keeps a draft across reloads and survives a damaged one', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
    saveDraft({ ...EMPTY_DRAFT, title: 'Ethics of AI' }, storage);
    expect(loadDraft(storage).title).toBe('Ethics of AI');
    store.set('escograph.draft', '{not json');
    expect(loadDraft(storage)).toEqual(EMPTY_DRAFT);
  });
});
