import { stemmer as danish } from '@orama/stemmers/danish';
import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as finnish } from '@orama/stemmers/finnish';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as portuguese } from '@orama/stemmers/portuguese';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { stemmer as swedish } from '@orama/stemmers/swedish';
import { dan, deu, eng, fin, fra, ita, nld, por, spa, swe } from 'stopword';

/** Snowball stemmers and stop words per ESCO language; other languages are matched on unstemmed words. */
const LANGUAGES: Record<string, { stem: (word: string) => string; stopWords: string[] }> = {
  en: { stem: english, stopWords: eng },
  fr: { stem: french, stopWords: fra },
  de: { stem: german, stopWords: deu },
  es: { stem: spanish, stopWords: spa },
  it: { stem: italian, stopWords: ita },
  nl: { stem: dutch, stopWords: nld },
  pt: { stem: portuguese, stopWords: por },
  sv: { stem: swedish, stopWords: swe },
  da: { stem: danish, stopWords: dan },
  fi: { stem: finnish, stopWords: fin },
};

/**
 * The term processing of the BM25 index: lower case, stop words out, Snowball stem, so that "communication"
 * matches "communicate" and "collaboration" matches "collaborative".
 */
export function termProcessor(language: string): (term: string) => string | null {
  const analyzer = LANGUAGES[language.toLowerCase().split('-')[0]!];
  const stopWords = new Set(analyzer?.stopWords ?? []);
  return (term) => {
    const lower = term.toLowerCase();
    if (stopWords.has(lower)) return null;
    return analyzer ? analyzer.stem(lower) : lower;
  };
}
