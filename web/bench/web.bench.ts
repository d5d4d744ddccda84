/**
 * The web app's weight and speed on real ESCO v1.1.1, each figure beside a baseline measured in the same run:
 * - first-load bytes: the gzip size of the JS and CSS that index.html pulls in (target ≤ 300 KB; the IDE's editor is
 *   its own page and is reported apart);
 * - first load: a cold browser context opening / until the start page shows the ESCO counts, against fetching
 *   index.html alone over HTTP (target ≤ 1 s);
 * - "Suggest skills" for 15 outcomes: from the click to the workbench showing every outcome's ranked skills, against
 *   the same two GraphQL requests (createQualification, then the qualification with its suggestions) sent over HTTP
 *   without a browser (target: the UI adds ≤ 20 %);
 * - career matches for a 20-skill profile: opening My skills until the matches show, against the occupationMatches
 *   request alone;
 * - the dashboard for 1,000 job ads and 200 programmes (ESCO occupations' and skills' own descriptions as their
 *   text): from "Link job ads" to the chart, against linkJobAds then supplyDemand over HTTP; and the linking service's
 *   own batch speed on the same ads' sentences (linkOutcomes), to show the ads are linked at it.
 * Usage: npm run bench:web [-- --runs N] [-- --embedder transformers --model <folder>]   (default 5 runs of each of
 * the first three timed figures, 1 of the dashboard; the medians are printed; lexical linking unless an embedder is
 * given, whose vectors are then built first, in a fresh data dir)
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { loadConfig } from '../../src/config.js';
import { openLinkingStore } from '../../src/linking/linking-store.js';
import { stringify } from 'csv-stringify/sync';
import { linkBatches } from '../src/app/api/batches.js';
import { CREATE_QUALIFICATION, LINK_OUTCOMES, QUALIFICATION, SPLIT, type SkillRef } from '../src/app/api/documents.js';
import { CAREER_MATCHES } from '../src/app/api/explorer-documents.js';
import { LINK_JOB_ADS, type LinkJobAds, SUPPLY_DEMAND } from '../src/app/api/insights-documents.js';
import { demandEntries, parseDemandCsv, parseProgrammesCsv, supplyEntries } from '../src/app/insights/inputs.js';
import { WRITE_TOKEN, startAppServer } from '../test/app-server.js';
import type { Locator, Page } from 'playwright-core';
import { launchChromium } from '../test/browser.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, embedder: { type: 'string', default: 'none' }, model: { type: 'string' } } });
const runs = Number(values.runs);
const shared = process.env.ESCOGRAPH_SHARED ?? join(import.meta.dirname, '..', '..', '..', 'shared');
const config = loadConfig();
const store = (await openLinkingStore(config, join(shared, 'esco', 'v1.1.1'))).store;
const server = await startAppServer(store, { embedder: values.embedder, model: values.model });
const indexing = performance.now();
await server.linkingReady;
if (values.embedder !== 'none') console.log(`linking indexes with vectors built in ${((performance.now() - indexing) / 1000).toFixed(0)} s`);
const browser = await launchChromium();

/**
 * How long the app takes from a click to showing what it leads to, timed inside the page: from the click event
 * (the app's input) to the animation frame in which the text or element is first there. Timed from Node, the same
 * figure also held Playwright's own work around a click (actionability checks, ~35 ms) and its polling.
 */
type Shown = { text: string } | { pattern: RegExp } | { selector: string };
async function clickUntilShown(page: Page, target: Locator, shown: Shown, timeout = 600_000): Promise<number> {
  await page.evaluate(() => addEventListener('click', () => { (window as unknown as { clickedAt: number }).clickedAt = performance.now(); }, { capture: true, once: true }));
  await target.click({ timeout: 120_000 });
  const wanted = 'selector' in shown ? { selector: shown.selector } : 'text' in shown ? { text: shown.text } : { source: shown.pattern.source, flags: shown.pattern.flags };
  const at = await page.waitForFunction((want: { selector?: string; text?: string; source?: string; flags?: string }) => {
    const there = want.selector ? document.querySelector(want.selector) !== null
      : want.text ? document.body.innerText.includes(want.text) : new RegExp(want.source!, want.flags).test(document.body.innerText);
    return there ? performance.now() : 0;
  }, wanted, { polling: 'raf', timeout });
  return ((await at.jsonValue()) as number) - (await page.evaluate(() => (window as unknown as { clickedAt: number }).clickedAt));
}

/** A page load, timed from Node (there is no click): until the start page shows what it loaded. */
const loadedText = (page: Page, pattern: RegExp) =>
  page.waitForFunction(([source, flags]) => new RegExp(source!, flags).test(document.body.innerText), [pattern.source, pattern.flags], { polling: 'raf', timeout: 120_000 });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;

/** The assets an HTML page references (scripts, module preloads, style sheets), gzip-compressed as the server sends them. */
function pageWeight(html: string): { files: number; gzip: number } {
  const text = readFileSync(join(server.webRoot, html), 'utf8');
  const assets = [...text.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return { files: assets.length, gzip: assets.reduce((sum, asset) => sum + gzipSync(readFileSync(join(server.webRoot, asset))).length, 0) };
}

const app = pageWeight('index.html');
const ide = pageWeight('ide.html');
const allJs = readdirSync(join(server.webRoot, 'assets')).filter((f) => f.endsWith('.js'));
console.log(`web bench: ESCO ${store.defaultVersion}, ${runs} runs per timed figure, Chromium headless, linking with ${values.embedder}${values.model ? ` (${values.model})` : ''}\n`);
console.log(`first-load JS+CSS of the app: ${(app.gzip / 1000).toFixed(1)} KB gzip in ${app.files} files (target ≤ 300 KB)`);
console.log(`the IDE page, loaded only at /graphql: ${(ide.gzip / 1000).toFixed(1)} KB gzip in ${ide.files} files (+ editor workers on demand; ${allJs.length} JS files built)\n`);

const htmlFetch: number[] = [];
const firstLoad: number[] = [];
for (let run = 0; run < runs; run += 1) {
  let started = performance.now();
  await (await fetch(server.url, { headers: { accept: 'text/html' } })).text();
  htmlFetch.push(performance.now() - started);
  const context = await browser.newContext();
  const page = await context.newPage();
  started = performance.now();
  await page.goto(server.url);
  await loadedText(page, /ESCO v[\d.]+: [\d,]+ occupations/);
  firstLoad.push(performance.now() - started);
  await context.close();
}
console.log(`first load to the start page's ESCO counts: ${ms(median(firstLoad))} (target ≤ 1 s); index.html alone: ${ms(median(htmlFetch))}; ratio ×${(median(firstLoad) / median(htmlFetch)).toFixed(1)}`);

const outcomes = [
  'Describe the reasons for an ethical analysis applied to AI.',
  'Recognize how the notion of responsibility is challenged when designing and using AI tools.',
  'Identify the ethical and social impacts and implications of AI.',
  'Apply data protection principles when processing personal data.',
  'Communicate the limitations of machine learning models to non-specialists.',
  'Explain how bias in training data affects the decisions of AI systems.',
  'Assess the transparency and explainability of an algorithm.',
  'Discuss the impact of automation on employment and skills.',
  'Evaluate an AI project against the European guidelines for trustworthy AI.',
  'Design a process for human oversight of automated decisions.',
  'Analyse the privacy risks of facial recognition in public spaces.',
  'Argue for and against the use of AI in medical diagnosis.',
  'Identify the stakeholders affected by a recommender system.',
  'Write a short policy brief on the regulation of generative models.',
  'Reflect on the responsibility of engineers for the tools they build.',
];
async function post<T = Record<string, { id: string }>>(query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITE_TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const viaApi: number[] = [];
const viaUi: number[] = [];
const context = await browser.newContext();
const page = await context.newPage();
await page.goto(`${server.url}/linking`);
await page.getByLabel('Write token').fill(WRITE_TOKEN);
await page.getByText('writes allowed').waitFor();
for (let run = 0; run < runs; run += 1) {
  // Each run ranks different text (a run number in every outcome), so no cache favours either side.
  const texts = outcomes.map((o) => `${o} (${run})`);
  let started = performance.now();
  const created = await post<Record<string, { id: string }>>(CREATE_QUALIFICATION, { input: { title: `bench ${run}`, learningOutcomes: texts } });
  await post(QUALIFICATION, { id: created.createQualification!.id });
  viaApi.push(performance.now() - started);

  const uiTexts = outcomes.map((o) => `${o} [${run}]`);
  await page.goto(`${server.url}/linking`);
  await page.getByLabel('Title').fill(`bench ui ${run}`);
  await page.getByLabel('Learning outcomes').fill(uiTexts.join('\n'));
  await page.getByRole('button', { name: 'Split into outcomes' }).click();
  await page.getByLabel(`Outcome ${uiTexts.length}`).waitFor();
  // The progress shows once the qualification and every outcome's suggestions have come back and are rendered.
  viaUi.push(await clickUntilShown(page, page.getByRole('button', { name: 'Suggest skills' }), { text: `0 of ${uiTexts.length} outcomes reviewed` }));
}
const ratio = median(viaUi) / median(viaApi);
console.log(`"Suggest skills" for ${outcomes.length} outcomes: UI ${ms(median(viaUi))}, the same GraphQL over HTTP ${ms(median(viaApi))}; the UI adds ${((ratio - 1) * 100).toFixed(0)} % (target ≤ 20 %)`);


// Career matches for a 20-skill profile: the essential skills of two occupations, as a learner would collect them.
const { occupations } = await post<{ occupations: { nodes: { essentialSkills: SkillRef[] }[] } }>(
  '{ occupations(filter: { iscoGroup: "25" }, first: 5) { nodes { essentialSkills { uri preferredLabel } } } }', {});
const profileSkills = occupations.nodes.flatMap((o) => o.essentialSkills).filter((s, i, all) => all.findIndex((t) => t.uri === s.uri) === i).slice(0, 20);
const matchesApi: number[] = [];
const matchesUi: number[] = [];
for (let run = 0; run < runs; run += 1) {
  const context = await browser.newContext();
  await context.addInitScript((profile) => localStorage.setItem('escograph.profile', profile), JSON.stringify({ name: 'bench', skills: profileSkills }));
  const page = await context.newPage();
  await page.goto(`${server.url}/careers`);
  await page.getByRole('heading', { name: 'Explore careers' }).waitFor();
  matchesUi.push(await clickUntilShown(page, page.getByRole('link', { name: /^My skills/ }), { selector: '[aria-label="Career matches"] li' }));
  await context.close();
  const started = performance.now();
  await post(CAREER_MATCHES, { skills: profileSkills.map((s) => s.uri), iscoGroup: null, first: 20 });
  matchesApi.push(performance.now() - started);
}
const matchesRatio = median(matchesUi) / median(matchesApi);
console.log(`career matches for ${profileSkills.length} skills: UI ${ms(median(matchesUi))}, occupationMatches over HTTP ${ms(median(matchesApi))}; the UI adds ${((matchesRatio - 1) * 100).toFixed(0)} % (target ≤ 20 %)`);

// The dashboard: 1,000 job ads (occupations' descriptions) and 200 programmes (five skills' descriptions each).
const ads: string[][] = [];
for (let after: string | null = null; ads.length < 1000;) {
  const page: { occupations: { nodes: { preferredLabel: string; description: string | null }[]; pageInfo: { endCursor: string | null } } } =
    await post('query ($after: String) { occupations(first: 100, after: $after) { nodes { preferredLabel description } pageInfo { endCursor } } }', { after });
  for (const o of page.occupations.nodes) ads.push([o.preferredLabel, o.description ?? o.preferredLabel, String(1 + (ads.length % 5)), ads.length % 2 ? 'north' : 'south']);
  after = page.occupations.pageInfo.endCursor;
}
const skillTexts: string[] = [];
for (let after: string | null = null; skillTexts.length < 1000;) {
  const page: { skills: { nodes: { description: string | null }[]; pageInfo: { endCursor: string | null } } } =
    await post('query ($after: String) { skills(first: 100, after: $after) { nodes { description } pageInfo { endCursor } } }', { after });
  skillTexts.push(...page.skills.nodes.map((s) => s.description).filter((d): d is string => Boolean(d)));
  after = page.skills.pageInfo.endCursor;
}
const programmes = Array.from({ length: 200 }, (_, i) => [`programme ${i + 1}`, skillTexts.slice(i * 5, i * 5 + 5).join(' '), String(10 + (i % 30)), i % 2 ? 'north' : 'south']);
const dir = mkdtempSync(join(tmpdir(), 'escograph-bench-web-'));
writeFileSync(join(dir, 'ads.csv'), stringify([['title', 'text', 'weight', 'region'], ...ads.slice(0, 1000)]));
writeFileSync(join(dir, 'programmes.csv'), stringify([['programme', 'learning_outcomes', 'weight', 'region'], ...programmes]));

const adTexts = ads.slice(0, 1000).map(([title, text]) => `${title}\n${text}`);
let started = performance.now();
const { linkJobAds } = await post<LinkJobAds>(LINK_JOB_ADS, { ads: adTexts });
const linkApi = performance.now() - started;
const supply = supplyEntries(parseProgrammesCsv(readFileSync(join(dir, 'programmes.csv'), 'utf8'), 'programmes.csv'));
const demand = demandEntries(parseDemandCsv(readFileSync(join(dir, 'ads.csv'), 'utf8'), 'ads.csv').ads, linkJobAds, new Map(), []);
started = performance.now();
await post(SUPPLY_DEMAND, { supply, demand, groupBy: 'SKILL', byRegion: false });
const compareApi = performance.now() - started;

// The linking service's own batch speed on the same sentences, in the largest batches the cost limit admits.
const sentences = (await Promise.all(adTexts.map((text) => post<{ splitLearningOutcomes: string[] }>(SPLIT, { text })))).flatMap((a) => a.splitLearningOutcomes);
started = performance.now();
for (const batch of linkBatches(sentences)) await post(LINK_OUTCOMES, { outcomes: batch });
const serviceSeconds = (performance.now() - started) / 1000;

const dashboard = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
await dashboard.goto(`${server.url}/insights`);
await dashboard.getByLabel('Programmes CSV').setInputFiles(join(dir, 'programmes.csv'));
await dashboard.getByLabel('Demand CSV').setInputFiles(join(dir, 'ads.csv'));
const linkUi = await clickUntilShown(dashboard, dashboard.getByRole('button', { name: 'Link job ads' }), { text: '1000 job ads' });
const compareUi = await clickUntilShown(dashboard, dashboard.getByRole('button', { name: 'Compare supply and demand' }), { selector: '[aria-label="Results"] canvas' });
const apiTotal = linkApi + compareApi;
const uiTotal = linkUi + compareUi;
console.log(`dashboard, 1,000 job ads and 200 programmes: UI ${ms(uiTotal)} (link ${ms(linkUi)}, compare ${ms(compareUi)}); linkJobAds + supplyDemand over HTTP ${ms(apiTotal)} (${ms(linkApi)} + ${ms(compareApi)}); the UI adds ${((uiTotal / apiTotal - 1) * 100).toFixed(0)} % (target ≤ 20 %)`);
console.log(`linking the ads' ${sentences.length.toLocaleString('en')} sentences: linkJobAds ${(sentences.length / (linkApi / 1000)).toFixed(0)} sentences/s (with each ad's occupation ranking); the linking service alone (linkOutcomes, batches at the cost limit) ${(sentences.length / serviceSeconds).toFixed(0)} sentences/s`);

await browser.close();
await server.close();
