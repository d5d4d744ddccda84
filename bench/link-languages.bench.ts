/**
 * Linking in French and German with USE-lite: whether the learned ranker (trained on English) helps or hurts a
 * non-English outcome, and what the English-only vectors add to the words. The store is v1.1.1 English with its
 * French CSVs and test/fixtures/v1.1.1-skills-fr-de (15 skills labelled in French and German); the index holds
 * every 10th skill plus those 15, and each language ranks 30 outcomes written for this bench, two per fixture
 * skill, against that language's labels (its BM25 and analyzer) and the English vectors, as LinkingService does.
 * English control: the same outcomes' English counterparts are not available, so the ELM gold outcomes are ranked
 * too. Usage: npx tsx bench/link-languages.bench.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { importEsco } from '../src/ingest/import.js';
import { ConceptIndex, LexicalIndex } from '../src/linking/concept-index.js';
import { alignedDocs, loadConceptDocs } from '../src/linking/concept-texts.js';
import { exactEmbedder } from '../src/linking/create-embedder.js';
import { queryEncoder } from '../src/linking/embedder.js';
import { rankConcepts, type RankingMode } from '../src/linking/hybrid-ranker.js';
import { queryTexts } from '../src/linking/query-parts.js';
import { rankerFor } from '../src/linking/ranker/model.js';
import { averageScores } from '../src/linking/ranking-metrics.js';

const shared = process.env.ESCOGRAPH_SHARED ?? join(import.meta.dirname, '..', '..', 'shared');
const fixture = join(import.meta.dirname, '..', 'test', 'fixtures', 'v1.1.1-skills-fr-de');
const skill = (id: string) => `http://data.europa.eu/esco/skill/${id}`;
const GOLD = {
  planMenus: skill('5c6ca864-76d5-4217-b3e1-9a7ba7f8f47b'), manageTeam: skill('cb668e89-6ef5-4ff3-ab4a-506010e7e70b'),
  instructKitchen: skill('538b91e8-565c-4483-bf97-6ff120e207a7'), cookSeafood: skill('4cca4ccf-b956-4561-af8e-151b66af9631'),
  java: skill('19a8293b-8e95-4de3-983f-77484079c389'), desserts: skill('a78b60d6-6cde-4da6-9c48-39bc7396ab16'),
  foodQuality: skill('9b67cbf3-085c-4578-8a8e-8d130ed3fced'), orderSupplies: skill('210827e3-3129-45a2-8683-70399f3f561f'),
  hygiene: skill('0ff99f51-40d9-42f1-a1ec-377b2bb5e15f'), shifts: skill('a9e4a63b-6b88-44f6-b37f-94309856f5ba'),
  budgets: skill('21c5790c-0930-4d74-b3b0-84caf5af12ea'), reports: skill('941364b9-1375-4add-9889-d67bae99bc8c'),
  kitchenEquipment: skill('32adf439-5bbc-4759-8f05-fbaacdac60a6'), digitalContent: skill('5fd5c985-eaaa-47aa-8314-62359c54505a'),
  manageStaff: skill('339ac029-066a-4985-9f9d-b3d7c8fea0bb'),
} as const;
type Gold = keyof typeof GOLD;
const OUTCOMES: Record<'fr' | 'de', [Gold, string][]> = {
  fr: [
    ['planMenus', 'élaborer les menus du restaurant selon les saisons'], ['planMenus', 'concevoir une carte de plats pour la semaine'],
    ['manageTeam', 'encadrer une équipe de cuisiniers'], ['manageTeam', 'animer et diriger une équipe de travail'],
    ['instructKitchen', 'former les commis de cuisine aux techniques de base'], ['instructKitchen', 'transmettre ses savoir-faire au personnel de cuisine'],
    ['cookSeafood', 'préparer et cuire des poissons et des crustacés'], ['cookSeafood', 'cuisiner des huîtres et des moules'],
    ['java', 'développer des applications en Java'], ['java', 'programmer des logiciels en langage Java'],
    ['desserts', 'réaliser des desserts et des pâtisseries'], ['desserts', 'préparer des entremets sucrés'],
    ['foodQuality', 'contrôler la qualité des plats servis'], ['foodQuality', 'veiller à la qualité des denrées alimentaires'],
    ['orderSupplies', 'passer les commandes auprès des fournisseurs'], ['orderSupplies', 'commander les marchandises nécessaires à la cuisine'],
    ['hygiene', "appliquer les règles d'hygiène en cuisine"], ['hygiene', 'respecter les normes de sécurité alimentaire'],
    ['shifts', 'établir les plannings du personnel'], ['shifts', "organiser les horaires de travail de l'équipe"],
    ['budgets', "suivre et gérer le budget d'un service"], ['budgets', 'établir un budget prévisionnel'],
    ['reports', 'rédiger des rapports techniques clairs'], ['reports', "écrire la documentation technique d'un projet"],
    ['kitchenEquipment', 'utiliser les ustensiles et équipements de cuisine'], ['kitchenEquipment', 'manipuler les couteaux et le matériel de découpe'],
    ['digitalContent', 'créer des contenus numériques'], ['digitalContent', 'produire du contenu pour le web'],
    ['manageStaff', "diriger le personnel d'un établissement"], ['manageStaff', 'gérer les employés et leurs performances'],
  ],
  de: [
    ['planMenus', 'Speisekarten für die Saison zusammenstellen'], ['planMenus', 'einen Wochenplan für die Menüs erstellen'],
    ['manageTeam', 'ein Küchenteam führen'], ['manageTeam', 'eine Arbeitsgruppe leiten und motivieren'],
    ['instructKitchen', 'Küchenhilfen in Grundtechniken schulen'], ['instructKitchen', 'dem Küchenpersonal Fertigkeiten vermitteln'],
    ['cookSeafood', 'Fisch und Krustentiere garen'], ['cookSeafood', 'Muscheln und Garnelen zubereiten'],
    ['java', 'Anwendungen in Java entwickeln'], ['java', 'Software in der Programmiersprache Java schreiben'],
    ['desserts', 'Nachspeisen und Gebäck herstellen'], ['desserts', 'süße Desserts anrichten'],
    ['foodQuality', 'die Qualität der servierten Speisen kontrollieren'], ['foodQuality', 'die Lebensmittelqualität sicherstellen'],
    ['orderSupplies', 'Waren bei Lieferanten bestellen'], ['orderSupplies', 'Vorräte für die Küche einkaufen'],
    ['hygiene', 'Hygienevorschriften in der Küche einhalten'], ['hygiene', 'Regeln der Lebensmittelsicherheit beachten'],
    ['shifts', 'Dienstpläne für das Personal erstellen'], ['shifts', 'Arbeitszeiten des Teams planen'],
    ['budgets', 'das Budget einer Abteilung überwachen'], ['budgets', 'einen Haushaltsplan aufstellen'],
    ['reports', 'technische Berichte schreiben'], ['reports', 'eine technische Dokumentation verfassen'],
    ['kitchenEquipment', 'Küchenutensilien und Messer verwenden'], ['kitchenEquipment', 'mit Schneidwerkzeugen umgehen'],
    ['digitalContent', 'digitale Inhalte erstellen'], ['digitalContent', 'Inhalte für das Internet produzieren'],
    ['manageStaff', 'Mitarbeitende eines Betriebs führen'], ['manageStaff', 'Angestellte anleiten und ihre Leistung steigern'],
  ],
};

const config = loadConfig();
const { store } = await importEsco({ paths: [join(shared, 'esco', 'v1.1.1'), join(shared, 'esco', 'v1.1.1-fr'), fixture] });
const goldUris = new Set<string>(Object.values(GOLD));
const elm = JSON.parse(readFileSync(join(shared, 'elm', 'elm_learning_outcome_esco_skill_pairs.json'), 'utf8')) as
  { title: { en: string }; description?: { en: string } | null; escoSkills: { uri: string }[] }[];
for (const pair of elm) for (const { uri } of pair.escoSkills) goldUris.add(uri);
const docs = (await loadConceptDocs(store, 'Skill', ['en'])).filter((doc, i) => i % 10 === 0 || goldUris.has(doc.uri));
const embedder = await exactEmbedder(undefined, config.dataDir);
const english = await ConceptIndex.build(docs, embedder, { cacheDir: join(config.dataDir, 'vectors'), dataLabel: 'bench-languages-every-10th-skill' });
const ranker = rankerFor(embedder)!;
console.log(`${english.size} skills (every 10th of v1.1.1 and the gold ones), ${english.vectorCount} ${embedder.model} vectors`);

const f = (n: number) => n.toFixed(3);
async function evaluate(index: ConceptIndex, language: string, outcomes: { text: string; relevant: Set<string> }[]) {
  const texts = outcomes.map((o) => queryTexts(o.text, language));
  const vectors = await queryEncoder(embedder).embed(texts.flat());
  let position = 0;
  const queries = texts.map((parts) => parts.map((text) => ({ text, vector: vectors[position++] })));
  const runs: [string, RankingMode, boolean][] = [['BM25 + parts', 'lexical', false], ['fusion', 'hybrid', false], ['fusion + ranker', 'hybrid', true]];
  for (const [name, mode, withRanker] of runs) {
    const ranked = await rankConcepts(index, queries, { first: index.size, mode, ranker: withRanker ? ranker : undefined });
    const scores = averageScores(ranked.map((list, i) => ({ ranked: list.map((r) => r.concept.uri), relevant: outcomes[i]!.relevant })));
    console.log(`${language}  ${name.padEnd(16)} RP@1 ${f(scores.rp1)}  RP@5 ${f(scores.rp5)}  RP@10 ${f(scores.rp10)}  MRR ${f(scores.mrr)}  (${outcomes.length} outcomes)`);
  }
}

await evaluate(english, 'en', elm.map((pair) => ({ text: pair.description?.en ?? pair.title.en, relevant: new Set(pair.escoSkills.map((s) => s.uri)) })));
for (const language of ['fr', 'de'] as const) {
  const localized = alignedDocs(docs, await loadConceptDocs(store, 'Skill', [language], undefined, false));
  const { index: lexical } = await LexicalIndex.build(localized, language);
  await evaluate(english.inLanguage(localized, lexical), language, OUTCOMES[language].map(([gold, text]) => ({ text, relevant: new Set([GOLD[gold]]) })));
}
