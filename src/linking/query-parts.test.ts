import { describe, expect, it } from 'vitest';
import { enumerationParts, queryTexts } from './query-parts.js';

describe('enumerationParts', () => {
  it('splits a list of themes on commas and "and"', () => {
    expect(enumerationParts('Communication, collaboration and creativity')).toEqual(['Communication', 'collaboration', 'creativity']);
  });

  it('splits coordinated clauses, drops end punctuation, keeps numbers with a thousands comma whole', () => {
    expect(enumerationParts('Manage a team of 50,000 employees and/or contractors; report to the board.')).toEqual([
      'Manage a team of 50,000 employees',
      'contractors',
      'report to the board',
    ]);
  });

  it('uses the conjunctions of the given language', () => {
    expect(enumerationParts('Communication, collaboration et créativité', 'fr')).toEqual(['Communication', 'collaboration', 'créativité']);
    expect(enumerationParts('Kommunikation, Zusammenarbeit und Kreativität', 'de-AT')).toEqual(['Kommunikation', 'Zusammenarbeit', 'Kreativität']);
  });

  it('leaves a text that names one thing unsplit', () => {
    expect(enumerationParts('Developing digital content')).toEqual([]);
    expect(enumerationParts('cook seafood, ')).toEqual([]);
    expect(queryTexts('Developing digital content')).toEqual(['Developing digital content']);
    expect(queryTexts('A cat or a dog')).toEqual(['A cat or a dog', 'A cat', 'a dog']);
  });
});
