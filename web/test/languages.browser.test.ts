import { expect, test } from 'vitest';
import { importEsco } from '../../src/ingest/import.js';
import { ESCO_V111, ESCO_V111_FR } from '../../test/shared-data.js';
import { appInBrowser } from './browser.js';

const SOFTWARE_DEVELOPER = 'http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1';

// v1.1.1 in English and French: the French download has occupations and groups but no skills, so a French app.page
// shows skills through the API's fallback to English.
const app = appInBrowser(async () => (await importEsco({ paths: [ESCO_V111(), ESCO_V111_FR()], languages: ['en', 'fr'] })).store);

test('ESCO texts follow the language selector, falling back to English where French has none', async () => {
  await app.page.goto(`${app.server.url}/careers/occupation/${encodeURIComponent(SOFTWARE_DEVELOPER)}`);
  const title = app.page.getByRole('heading', { level: 1 });
  await expect.poll(() => title.textContent()).toBe('software developer');
  await app.page.getByLabel('Language', { exact: true }).selectOption('fr');
  await expect.poll(() => title.textContent(), { timeout: 30_000 }).toBe('développeur de logiciels/développeuse de logiciels');
  expect(await app.page.evaluate(() => document.documentElement.lang)).toBe('fr');
  const essential = app.page.getByRole('region', { name: /^Essential skills/ });
  await essential.getByRole('link', { name: 'analyse software specifications', exact: true }).waitFor();

  // The choice is kept for the next visit.
  await app.page.reload();
  await expect.poll(() => title.textContent(), { timeout: 30_000 }).toBe('développeur de logiciels/développeuse de logiciels');
});
