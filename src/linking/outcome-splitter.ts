/** Longest accepted qualification text: bounds the work one request can cause. */
export const MAX_TEXT_LENGTH = 100_000;

/** List markers: bullets, dashes, "1.", "1)", "(a)", "iv." — removed from the start of an item. */
const LIST_MARKER = /^\s*(?:[-*•◦▪▫●○■□–—·‣⁃]+|\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,5})[.)](?=\s|$)|\(\d{1,3}\))\s*/iu;

/** "Week 3:", "Module 2 –", "Semaine 1 :", "Woche 4:", "Unit 1.2:" — a numbered section header, at most 4 words. */
const NUMBERED_HEADER = /^\p{L}+(?:\s+\p{L}+){0,3}\s+[\dIVX]+(?:\.\d+)*\s*[:–—-]\s*/iu;

/** An item that ends with a colon and has no sentence end before it introduces a list: a header, not an outcome. */
const INTRODUCES_LIST = /:\s*$/u;

/**
 * Splits a qualification's text into its learning outcomes: one per list item, line, semicolon-separated clause
 * or sentence; headers such as "Week 3:" or "Students will be able to:" are dropped. Sentences are found by
 * Intl.Segmenter for the given language, so abbreviations and punctuation follow that language's rules.
 */
export function splitLearningOutcomes(text: string, language = 'en'): string[] {
  if (text.length > MAX_TEXT_LENGTH) {
    throw new RangeError(`text is ${text.length} characters long; at most ${MAX_TEXT_LENGTH} are accepted`);
  }
  const segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
  const outcomes: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    let line = rawLine;
    // A marker can be nested: "1. - Describe…"; strip them all.
    for (let previous = ''; previous !== line; ) [previous, line] = [line, line.replace(LIST_MARKER, '')];
    line = line.replace(NUMBERED_HEADER, '').trim();
    if (!line || INTRODUCES_LIST.test(line)) continue;
    for (const clause of line.split(/\s*;\s*/u)) {
      for (const { segment } of segmenter.segment(clause)) {
        const outcome = segment.trim().replace(/\s+/gu, ' ');
        if (/\p{L}.*\p{L}/u.test(outcome) && !INTRODUCES_LIST.test(outcome)) outcomes.push(outcome);
      }
    }
  }
  return outcomes;
}
