import { describe, expect, test } from 'vitest';
import { CARTESIAN, CHEAP, LOAD_MS, nested, servedFor } from '../../test/served-sparql.js';

// The embedded store's query workers only (a SPARQL server runs the queries itself): a crash of Oxigraph's
// WebAssembly and a worker's memory budget.
describe('with the depth bound lifted and a small memory budget', () => {
  const served = servedFor({ maxDepth: 5000, queryMemoryBytes: 48 * 1024 * 1024, maxRows: 1e9, timeoutMs: 30_000, perClient: 20 });

  test('a query that breaks oxigraph costs only its worker: it is replaced at once and the next query answers 200', async () => {
    const crash = await served().ask(nested(1000));
    expect(crash.status).toBe(503);
    expect(crash.body).toMatch(/^the query failed inside the query engine \(memory access out of bounds\) and was stopped/);
    for (let i = 0; i < 3; i++) expect(await served().ask(CHEAP)).toMatchObject({ status: 200, body: 'n\r\n3007\r\n' });
  }, LOAD_MS);

  test('a query that outgrows the memory budget is stopped with 503 before the process grows by gigabytes', async () => {
    const sorted = await served().ask(`${CARTESIAN} ORDER BY ?a`);
    expect(sorted).toMatchObject({ status: 503, body: expect.stringMatching(/^the query needed more than the 48 MB of memory a query may use/) });
    expect(await served().ask(CHEAP)).toMatchObject({ status: 200 });
  }, LOAD_MS);
});
