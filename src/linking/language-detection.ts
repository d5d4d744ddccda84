/** How the language a text was linked in came about. */
export type LanguageSource = 'GIVEN' | 'DETECTED' | 'DEFAULT';

export interface LanguageChoice {
  language: string;
  source: LanguageSource;
}

/** "en-US", "en-us" → "en": ESCO tags American English labels `en-us`, and an analyzer is per language. */
export const primaryLanguage = (tag: string): string => tag.toLowerCase().split('-')[0]!;

type Detector = Awaited<typeof import('eld/extrasmall')>['eld'];
let library: Promise<Detector> | undefined;
/** One detector per set of candidates: eld keeps its language subset per instance. */
const detectors = new Map<string, Promise<Detector>>();

/**
 * eld's smallest database (60 languages, ISO 639-1 codes; 0.4 s and ~32 MB of heap to load, so only once a store
 * holds a second language): on short learning outcomes it was right more often than franc and tinyld
 * (src/linking/README.md), and it says when a text is too short to tell.
 */
function detectorFor(candidates: readonly string[]): Promise<Detector> {
  const key = [...candidates].sort().join(',');
  let detector = detectors.get(key);
  if (!detector) {
    library ??= import('eld/extrasmall').then((module) => module.eld);
    detector = library.then((eld) => {
      const instance = eld.newInstance();
      instance.setLanguageSubset([...candidates]);
      return instance;
    });
    detectors.set(key, detector);
  }
  return detector;
}

/** The text's language among the candidates; undefined when eld cannot tell reliably (short or mixed text). */
function detect(detector: Detector, text: string, candidates: readonly string[]): string | undefined {
  const { language, isReliable } = detector.detect(text);
  return language && candidates.includes(language) && isReliable() ? language : undefined;
}

/**
 * The language each text is linked in: the given one for all; else each text's own, detected among the
 * candidates (the languages the store holds labels in); a text too short to tell takes the language of its
 * context when there is one (the qualification text an outcome was split from: a one-line outcome of a French
 * programme is French), else the fallback (the store's default language). With one candidate there is nothing
 * to detect.
 */
export async function chooseLanguages(
  texts: readonly string[],
  options: { given?: string; candidates: readonly string[]; fallback: string; context?: string },
): Promise<LanguageChoice[]> {
  const { given, candidates, fallback, context } = options;
  if (given) return texts.map(() => ({ language: given, source: 'GIVEN' }));
  if (candidates.length < 2) return texts.map(() => ({ language: fallback, source: 'DEFAULT' }));
  const detector = await detectorFor(candidates);
  const own = texts.map((text) => detect(detector, text, candidates));
  const ofContext = own.includes(undefined) && context ? detect(detector, context, candidates) : undefined;
  return own.map((language) => {
    const found = language ?? ofContext;
    return found ? { language: found, source: 'DETECTED' } : { language: fallback, source: 'DEFAULT' };
  });
}
