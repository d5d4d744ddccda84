import { describe, expect, test } from 'vitest';
import { detectLanguage, kindOf, readSourceFile } from './source-file.js';

describe('opened files', () => {
  test('text goes to the editor, CSV and JSON-LD are imported as credentials', async () => {
    expect(kindOf('Ethics of AI.TXT')).toBe('text');
    expect(kindOf('programmes.csv')).toBe('CSV');
    expect(kindOf('credential.jsonld')).toBe('ELM_JSONLD');
    expect(await readSourceFile(new File(['Explain AI.'], 'ethics.txt'))).toEqual({ kind: 'text', title: 'ethics', text: 'Explain AI.' });
  });

  test('refuses what it cannot read, naming the file', async () => {
    await expect(readSourceFile(new File(['x'], 'slides.pdf'))).rejects.toThrow('slides.pdf: open a .txt, .csv or .jsonld file');
    await expect(readSourceFile(new File(['  \n'], 'empty.csv'))).rejects.toThrow('empty.csv is empty');
  });

  test('detects the language among the server\'s', () => {
    expect(detectLanguage('Analyser les implications éthiques des systèmes d’intelligence artificielle', ['en', 'fr'])).toBe('fr');
    expect(detectLanguage('Analyse the ethical implications of artificial intelligence systems', ['en', 'fr'])).toBe('en');
    expect(detectLanguage('short', ['en', 'fr'])).toBeUndefined();
  });
});
