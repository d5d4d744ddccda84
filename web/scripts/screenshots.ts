/**
 * The README's pictures, taken from the running app on real ESCO v1.1.1 (npm run screenshots): the linking
 * workbench mid-review, the GraphQL IDE, an occupation page with My skills, and the dashboard. Written to docs/.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config.js';
import { openLinkingStore } from '../../src/linking/linking-store.js';
import { WRITE_TOKEN, startAppServer } from '../test/app-server.js';
import { launchChromium } from '../test/browser.js';

const docs = fileURLToPath(new URL('../../docs/', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../test/fixtures/${name}`, import.meta.url));
const shared = process.env.ESCOGRAPH_SHARED ?? join(import.meta.dirname, '..', '..', '..', 'shared');
const config = loadConfig();
const store = (await openLinkingStore(config, join(shared, 'esco', 'v1.1.1'))).store;
const server = await startAppServer(store);
const browser = await launchChromium();
const page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();

// The workbench: the Ethics of AI outcomes, one skill accepted and one rejected, a suggestion's details open.
await page.goto(`${server.url}/linking`);
await page.getByLabel('Write token').fill(WRITE_TOKEN);
await page.getByText('writes allowed').waitFor();
await page.getByLabel('Title').fill('Ethics of AI (MOOC)');
await page.getByLabel('Learning outcomes').fill(`- Describe the reasons for an ethical analysis applied to AI.
- Recognize how the notion of responsibility is challenged when designing and using AI tools.
- Identify the ethical and social impacts and implications of AI.`);
await page.getByRole('button', { name: 'Split into outcomes' }).click();
await page.getByLabel('Outcome 3').waitFor();
await page.getByLabel('EQF level').fill('6');
await page.getByLabel('ISCED-F code').fill('0613');
await page.getByLabel('NQF level').fill('RQF Level 6');
await page.getByRole('button', { name: 'Suggest skills' }).click();
await page.getByText('0 of 3 outcomes reviewed').waitFor({ timeout: 120_000 });
const first = page.getByRole('region', { name: 'Describe the reasons for an ethical analysis applied to AI.' });
await first.getByRole('button', { name: /^Accept / }).nth(0).click();
await page.getByText('1 of 3 outcomes reviewed').waitFor();
await first.getByRole('button', { name: /^Reject / }).nth(1).click();
await page.waitForTimeout(500);
await page.screenshot({ path: join(docs, 'workbench.png') });

await page.goto(`${server.url}/graphql?query=${encodeURIComponent('{\n  versions { version isDefault occupations skills }\n}')}`);
const execute = page.getByRole('button', { name: /Execute query/i });
for (let tries = 0; tries < 30 && !(await page.locator('.result-window').textContent()); tries += 1) {
  await execute.click();
  await page.waitForTimeout(1000);
}
await page.screenshot({ path: join(docs, 'ide.png') });

await page.goto(`${server.url}/careers/my-skills`);
for (const label of ['debug software', 'develop software prototype', 'analyse software specifications', 'use software design patterns']) {
  await page.getByRole('combobox', { name: 'Add a skill to My skills' }).fill(label);
  await page.getByRole('option').filter({ hasText: new RegExp(`^${label}`) }).first().click();
}
await page.getByRole('list', { name: 'Career matches' }).waitFor({ timeout: 60_000 });
await page.waitForTimeout(500);
await page.screenshot({ path: join(docs, 'careers.png') });

await page.goto(`${server.url}/insights`);
await page.getByLabel('Programmes CSV').setInputFiles(fixture('programmes.csv'));
await page.getByLabel('Demand CSV').setInputFiles(fixture('job-ads.csv'));
await page.getByRole('button', { name: 'Link job ads' }).click();
await page.getByRole('region', { name: 'Job-ad links' }).waitFor({ timeout: 120_000 });
await page.getByRole('button', { name: 'Compare supply and demand' }).click();
await page.getByRole('region', { name: 'Results' }).getByRole('img').waitFor({ timeout: 120_000 });
await page.getByRole('region', { name: 'Results' }).scrollIntoViewIfNeeded();
await page.waitForTimeout(500);
await page.screenshot({ path: join(docs, 'insights.png') });

await browser.close();
await server.close();
console.log(`screenshots written to ${docs}`);
