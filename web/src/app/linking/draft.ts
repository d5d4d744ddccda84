/**
 * A qualification before it is stored: its text, the learning outcomes split from it and the reviewer's corrections
 * to that split. Plain functions over plain data, so the editor's rules are tested without a browser.
 */

export interface Draft {
  title: string;
  /** The text's language (a tag such as en or fr): it drives sentence splitting and is stored with the qualification. */
  language: string;
  text: string;
  /** The split, once asked for; null while the reviewer is still pasting. */
  outcomes: string[] | null;
  eqfLevel: string;
  iscedFCode: string;
  nqfLevel: string;
}

export const EMPTY_DRAFT: Draft = { title: '', language: 'en', text: '', outcomes: null, eqfLevel: '', iscedFCode: '', nqfLevel: '' };

export const editOutcome = (outcomes: string[], index: number, text: string) => outcomes.map((o, i) => (i === index ? text : o));

export const deleteOutcome = (outcomes: string[], index: number) => outcomes.filter((_, i) => i !== index);

/** Joins an outcome with the next one (the splitter cut one sentence in two). */
export function mergeWithNext(outcomes: string[], index: number): string[] {
  if (index < 0 || index >= outcomes.length - 1) return outcomes;
  const joined = `${outcomes[index]!.trim()} ${outcomes[index + 1]!.trim()}`;
  return [...outcomes.slice(0, index), joined, ...outcomes.slice(index + 2)];
}

/** Cuts an outcome in two at a character position (the editor's caret); nothing changes when a side would be empty. */
export function splitOutcome(outcomes: string[], index: number, at: number): string[] {
  const text = outcomes[index];
  if (text === undefined) return outcomes;
  const [before, after] = [text.slice(0, at).trim(), text.slice(at).trim()];
  if (!before || !after) return outcomes;
  return [...outcomes.slice(0, index), before, after, ...outcomes.slice(index + 1)];
}

/** The outcomes that will be stored: trimmed, empty ones dropped. */
export const outcomesToSave = (outcomes: string[]) => outcomes.map((o) => o.trim()).filter(Boolean);

/** What must be fixed before the draft can be stored, for the reviewer to read; empty when it can. */
export function draftProblems(draft: Draft): string[] {
  const problems: string[] = [];
  if (!draft.title.trim()) problems.push('Give the qualification a title.');
  if (!draft.outcomes || outcomesToSave(draft.outcomes).length === 0) problems.push('There are no learning outcomes yet.');
  return [...problems, ...levelProblems(draft)];
}

export type Levels = Pick<Draft, 'eqfLevel' | 'iscedFCode' | 'nqfLevel'>;

/** The server's checks on a qualification's levels, said before the round trip. */
export function levelProblems(levels: Levels): string[] {
  const problems: string[] = [];
  if (levels.eqfLevel && !/^[1-8]$/.test(levels.eqfLevel)) problems.push('The EQF level is a number from 1 to 8.');
  if (levels.iscedFCode && !/^(0\d|10|99)\d{0,2}$/.test(levels.iscedFCode)) problems.push('The ISCED-F code is a field of 2 to 4 digits, e.g. 0613.');
  if (levels.nqfLevel.length > 50) problems.push('The NQF level is at most 50 characters, e.g. "RQF Level 6" or its concept IRI.');
  return problems;
}

/** What a Europass (ELM) export still lacks: its shapes require all three levels. */
export function missingForElm(levels: Levels): string[] {
  return [levels.eqfLevel ? '' : 'EQF level', levels.iscedFCode ? '' : 'ISCED-F field', levels.nqfLevel ? '' : 'NQF level'].filter(Boolean);
}

/** A stored qualification's levels as the editor's text fields. */
export const levelsOf = (q: { eqfLevel?: number | null; iscedFCode?: string | null; nqfLevel?: string | null }): Levels => ({
  eqfLevel: q.eqfLevel ? String(q.eqfLevel) : '',
  iscedFCode: q.iscedFCode ?? '',
  nqfLevel: q.nqfLevel ?? '',
});

/** The updateQualification input for edited levels: an emptied field is sent as null, which removes it. */
export const levelsUpdate = (levels: Levels) => ({
  eqfLevel: levels.eqfLevel ? Number(levels.eqfLevel) : null,
  iscedFCode: levels.iscedFCode || null,
  nqfLevel: levels.nqfLevel || null,
});

/** The createQualification input of a draft that has no problems. */
export function qualificationInput(draft: Draft) {
  return {
    title: draft.title.trim(),
    language: draft.language,
    learningOutcomes: outcomesToSave(draft.outcomes ?? []),
    ...(draft.eqfLevel ? { eqfLevel: Number(draft.eqfLevel) } : {}),
    ...(draft.iscedFCode ? { iscedFCode: draft.iscedFCode } : {}),
    ...(draft.nqfLevel ? { nqfLevel: draft.nqfLevel } : {}),
  };
}

const DRAFT_KEY = 'escograph.draft';

/** The draft survives a reload or a closed tab: nothing pasted is lost before it is stored. */
export function loadDraft(storage: Pick<Storage, 'getItem'> = localStorage): Draft {
  try {
    const saved = JSON.parse(storage.getItem(DRAFT_KEY) ?? 'null') as Partial<Draft> | null;
    return { ...EMPTY_DRAFT, ...(saved && typeof saved === 'object' ? saved : {}) };
  } catch {
    return EMPTY_DRAFT;
  }
}

export function saveDraft(draft: Draft | null, storage: Pick<Storage, 'setItem' | 'removeItem'> = localStorage): void {
  if (draft) storage.setItem(DRAFT_KEY, JSON.stringify(draft));
  else storage.removeItem(DRAFT_KEY);
}
