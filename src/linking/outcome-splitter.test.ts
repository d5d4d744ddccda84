import { describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH, splitLearningOutcomes } from './outcome-splitter.js';

describe('splitLearningOutcomes', () => {
  it('splits the week-by-week example into its outcomes without the week headers', () => {
    const text = `1. Week 1:
- Describe the reasons for an ethical analysis applied to AI.
- Recognize how the notion of responsibility is challenged when designing and using AI tools.
2. Week 2:
- Identify the ethical and social impacts and implications of AI.`;
    expect(splitLearningOutcomes(text)).toEqual([
      'Describe the reasons for an ethical analysis applied to AI.',
      'Recognize how the notion of responsibility is challenged when designing and using AI tools.',
      'Identify the ethical and social impacts and implications of AI.',
    ]);
  });

  it('splits a French text: introduction dropped, bullets, semicolons and sentences', () => {
    const text = `À l'issue de la formation, l'apprenant sera capable de :
• Analyser les besoins du client ; proposer une solution adaptée.
• Rédiger un rapport technique. Présenter les résultats à l'équipe.
Semaine 2 : Évaluer la qualité d'un logiciel.`;
    expect(splitLearningOutcomes(text, 'fr')).toEqual([
      'Analyser les besoins du client',
      'proposer une solution adaptée.',
      'Rédiger un rapport technique.',
      "Présenter les résultats à l'équipe.",
      "Évaluer la qualité d'un logiciel.",
    ]);
  });

  it('splits a German text with numbered items and a module header', () => {
    const text = `Modul 1:
1) Die Grundlagen der Buchhaltung erklären.
2) Einen Jahresabschluss erstellen; Bilanzen nach HGB analysieren.
(3) Kunden beraten. Verträge verhandeln.`;
    expect(splitLearningOutcomes(text, 'de')).toEqual([
      'Die Grundlagen der Buchhaltung erklären.',
      'Einen Jahresabschluss erstellen',
      'Bilanzen nach HGB analysieren.',
      'Kunden beraten.',
      'Verträge verhandeln.',
    ]);
  });

  it('returns nothing for empty or punctuation-only text', () => {
    expect(splitLearningOutcomes('')).toEqual([]);
    expect(splitLearningOutcomes(' \n- \n;;\n1.')).toEqual([]);
  });

  it('refuses a text longer than the limit, naming it', () => {
    expect(() => splitLearningOutcomes('a'.repeat(MAX_TEXT_LENGTH + 1))).toThrow(/at most 100000/);
  });
});
