import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { realStore } from '../../test/real-store.js';
import { ESCO_V111, ESCO_V111_FR } from '../../test/shared-data.js';
import { importEsco } from '../ingest/import.js';
import { termProcessor } from './lexical-analyzer.js';
import { LinkingInputError, LinkingService } from './linking-service.js';
import { enumerationParts } from './query-parts.js';

/**
 * Linking in the learning outcome's own language, on real v1.1.1 (English) with its French CSVs (real French
 * occupations) and a fixture of French and German labels for 15 skills (the French download has no skills).
 */
const FIXTURE = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'v1.1.1-skills-fr-de');
const skill = (id: string) => `http://data.europa.eu/esco/skill/${id}`;
const PLAN_MENUS = skill('5c6ca864-76d5-4217-b3e1-9a7ba7f8f47b');
const MANAGE_A_TEAM = skill('cb668e89-6ef5-4ff3-ab4a-506010e7e70b');
const HEAD_CHEF = 'http://data.europa.eu/esco/occupation/1009be17-7efd-45f1-a033-566bf179c588';

const logs: string[] = [];
let service: LinkingService;
let english: LinkingService;

// The default language's indexes are built here, as `serve` builds them at start, not inside a test's time limit.
beforeAll(async () => {
  const { store } = await importEsco({ paths: [ESCO_V111(), ESCO_V111_FR(), FIXTURE] });
  service = new LinkingService({ store, embedder: { requested: 'none', used: 'none' }, log: (line) => logs.push(line) });
  english = new LinkingService({ store: await realStore(), embedder: { requested: 'none', used: 'none' } });
  await Promise.all([service.index('Skill'), service.index('Occupation'), english.index('Skill')]);
}, 300_000);

const top = (suggestions: { uri: string }[], n: number) => suggestions.slice(0, n).map((s) => s.uri).sort();

describe('linking a learning outcome in its own language', () => {
  it('reads the languages the store holds labels in, per concept type, English first', async () => {
    expect(await service.languages('Skill')).toEqual(['en', 'de', 'fr']);
    expect(await service.languages('Occupation')).toEqual(['en', 'fr']);
  });

  it('detects a French outcome, splits it on "et", stems it in French and ranks the French-labelled skills first', async () => {
    const text = 'gérer une équipe de cuisine et planifier les menus';
    expect(enumerationParts(text, 'fr')).toEqual(['gérer une équipe de cuisine', 'planifier les menus']);
    const french = termProcessor('fr');
    expect(french('les')).toBeNull();
    expect([french('équipes'), french('cuisines'), french('planifie')]).toEqual([french('équipe'), french('cuisine'), french('planifiez')]);

    const [outcome] = await service.linkOutcomes([text], { first: 5 });
    expect(outcome).toMatchObject({ text, language: 'fr', languageSource: 'DETECTED' });
    expect(top(outcome!.suggestions, 2)).toEqual([MANAGE_A_TEAM, PLAN_MENUS].sort());
    const [week] = await service.linkOutcomes(['Planifier les menus de la semaine.'], { first: 1 });
    expect(week!.suggestions[0]).toMatchObject({ uri: PLAN_MENUS, label: 'planifier des menus' });
    expect(logs.some((line) => /^skill index in "fr" ready \(ESCO v1\.1\.1\): 15 concepts labelled in fr/.test(line))).toBe(true);
  });

  it('does the same for a German outcome ("und", the German stemmer)', async () => {
    const text = 'ein Team in der Küche leiten und Menüs planen';
    expect(enumerationParts(text, 'de')).toEqual(['ein Team in der Küche leiten', 'Menüs planen']);
    const german = termProcessor('de');
    expect(german('der')).toBeNull();
    expect([german('Küchen'), german('Teams')]).toEqual([german('Küche'), german('Team')]);
    const [outcome] = await service.linkOutcomes([text], { first: 5 });
    expect(outcome).toMatchObject({ language: 'de', languageSource: 'DETECTED' });
    expect(top(outcome!.suggestions, 2)).toEqual([MANAGE_A_TEAM, PLAN_MENUS].sort());
    expect(outcome!.suggestions.map((s) => s.label)).toContain('Menüs planen');
  });

  it('splits a French qualification text and links each outcome in French, a too-short one taking the text\'s language', async () => {
    const outcomes = await service.linkLearningOutcomes('- Planifier les menus en fonction des saisons.\n- Java.', { first: 3 });
    expect(outcomes.map(({ text, language, languageSource }) => ({ text, language, languageSource }))).toEqual([
      { text: 'Planifier les menus en fonction des saisons.', language: 'fr', languageSource: 'DETECTED' },
      { text: 'Java.', language: 'fr', languageSource: 'DETECTED' },
    ]);
    expect(outcomes[0]!.suggestions[0]!.uri).toBe(PLAN_MENUS);
    // A concept with no French label is found by its English one, by the words that are the same in French.
    expect(outcomes[1]!.suggestions.map((s) => s.label)).toContain('Java (programmation informatique)');
  });

  it('ranks real French occupations against their French labels', async () => {
    const [best] = await service.suggestOccupations('chef de cuisine dans un restaurant', { first: 1 });
    expect(best).toMatchObject({ uri: HEAD_CHEF, label: 'chef de cuisine' });
  });

  it('detects each text of a batch on its own, a too-short one taking the store\'s default language', async () => {
    const ranked = await service.linkTextsWithLanguage(['Cook seafood.', 'gérer une équipe de cuisine', 'Meeresfrüchte zubereiten'], { first: 1 });
    expect(ranked.map(({ language, languageSource }) => `${language} ${languageSource}`)).toEqual(['en DEFAULT', 'fr DETECTED', 'de DETECTED']);
  });

  it('lets an explicit language override detection', async () => {
    const [given] = await service.linkOutcomes(['gérer une équipe et planifier les menus'], { language: 'en', first: 3 });
    expect(given).toMatchObject({ language: 'en', languageSource: 'GIVEN' });
    // English analysis: no split on "et", English labels only.
    expect(given!.suggestions.map((s) => s.label)).not.toContain('planifier des menus');
    const [german] = await service.linkOutcomes(['Menüs planen'], { language: 'de', first: 1 });
    expect(german).toMatchObject({ language: 'de', languageSource: 'GIVEN', suggestions: [{ uri: PLAN_MENUS }] });
  });

  it('ranks an English outcome as a store with English labels alone does', async () => {
    for (const text of ['Cook seafood.', 'Manage a kitchen team and plan the weekly menus.']) {
      const [mixed] = await service.linkOutcomes([text], { first: 10 });
      expect(mixed!.language).toBe('en');
      expect(mixed!.suggestions).toEqual(await english.linkText(text, { first: 10 }));
    }
  });

  it('refuses a malformed language code or one the store holds no labels in, naming the supported ones', async () => {
    await expect(service.linkOutcomes(['planifier'], { language: 'french' })).rejects.toThrow(LinkingInputError);
    await expect(service.linkOutcomes(['planifier'], { language: 'french' })).rejects.toThrow(/ISO 639-1 code .*skill labels in ESCO v1\.1\.1 are in en, de, fr/);
    await expect(service.linkOutcomes(['planifier'], { language: 'es' })).rejects.toThrow(/no skill labels in "es": .* are in en, de, fr/);
    await expect(service.suggestOccupations('Menüs planen', { language: 'de' })).rejects.toThrow(/no occupation labels in "de": .* are in en, fr/);
  });
});
