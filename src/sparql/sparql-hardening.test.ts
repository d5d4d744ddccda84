import { Agent } from 'node:http';
import { describe, expect, test } from 'vitest';
import { TEST_BACKEND } from '../../test/real-store.js';
import { CARTESIAN, CHEAP, ESCO, LOAD_MS, nested, servedFor } from '../../test/served-sparql.js';

describe('bounds and a broken worker', () => {
  const served = servedFor({ timeoutMs: 30_000 });

  test('a query nested 1,000 groups deep is refused with 400 naming the limit; the next ordinary query answers 200', async () => {
    const deep = await served().ask(nested(1000));
    expect(deep.status).toBe(400);
    expect(deep.body).toBe('the query nests groups or brackets 1001 deep; the limit is 50\n');
    const ordinary = await served().ask(CHEAP);
    expect(ordinary).toMatchObject({ status: 200, body: 'n\r\n3007\r\n' });
  });

  test('expressions too deep, too many triple patterns and a LIMIT over the row cap are 400s naming their limit', async () => {
    const sum = await served().ask(`SELECT * WHERE { ?s ?p ?o FILTER(${Array(200).fill('?o').join(' + ')} > 0) } LIMIT 1`);
    expect(sum).toMatchObject({ status: 400, body: expect.stringMatching(/^the query's patterns or expressions nest \d+ levels deep; the limit is 50\n$/) });
    const many = await served().ask(`SELECT * WHERE { ${Array.from({ length: 501 }, (_, i) => `?s${i} ?p ?o .`).join(' ')} } LIMIT 1`);
    expect(many).toMatchObject({ status: 400, body: 'the query has 501 triple patterns and path steps; the limit is 500\n' });
    const limit = await served().ask('SELECT * WHERE { ?s ?p ?o } LIMIT 100001');
    expect(limit).toMatchObject({ status: 400, body: "LIMIT 100001 is over this endpoint's limit of 100000 rows\n" });
  });

  test('a cartesian SELECT * stops one row past the row cap with 413; a result under it answers whole', async () => {
    const answer = await served().ask(CARTESIAN);
    // The first bound reached: embedded, the rows of the capped answer are counted; a server's answer is read no
    // further than the size cap, which these 100,001 rows of six IRIs pass first.
    const bound = TEST_BACKEND === 'embedded' ? 'has more than 100000 rows' : 'is larger than 16777216 bytes';
    expect(answer).toMatchObject({ status: 413, body: `the result ${bound}: add a LIMIT\n` });
    expect(answer.ms).toBeLessThan(20_000);
    const labels = await served().ask(`${ESCO}SELECT ?o WHERE { ?o a esco:Occupation }`);
    expect(labels.status).toBe(200);
    expect(labels.body.trim().split('\r\n')).toHaveLength(3008);
  }, 60_000);
});

describe('the connection after a body refused as too large', () => {
  const served = servedFor({ workers: 1 });

  test('is closed with the 413, so the next request on a keep-alive agent answers at once', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const tooLarge = await served().ask('', { agent, body: `ASK {} # ${'x'.repeat(300 * 1024)}` });
      expect(tooLarge).toMatchObject({ status: 413, body: 'request body is larger than 262144 bytes\n' });
      expect(tooLarge.headers.connection).toBe('close');
      const next = await served().ask(CHEAP, { agent });
      expect(next).toMatchObject({ status: 200, body: 'n\r\n3007\r\n' });
      expect(next.ms).toBeLessThan(1000);
    } finally {
      agent.destroy();
    }
  });
});

describe('with the depth bound lifted and a small memory budget', () => {
  const served = servedFor({ maxDepth: 5000, queryMemoryBytes: 48 * 1024 * 1024, maxRows: 1e9, timeoutMs: 30_000, perClient: 20 });

  test('with 20 heavy queries of one client running, a cheap query from another client answers in < 1 s', async () => {
    await served().endpoint.warm();
    const heavy = Array.from({ length: 20 }, () => served().ask(CARTESIAN));
    // Until the first heavy query holds a worker.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const over = await served().ask(CHEAP);
    expect(over.status).toBe(429);
    expect(over.headers['retry-after']).toBe('1');
    const cheap = await served().ask(CHEAP, { client: '127.0.0.2' });
    console.log(`cheap query beside 20 heavy ones: ${cheap.ms.toFixed(0)} ms`);
    expect(cheap).toMatchObject({ status: 200, body: 'n\r\n3007\r\n' });
    expect(cheap.ms).toBeLessThan(1000);
    // Each heavy query ends at the memory budget or the time limit; the ones still waiting end with the endpoint.
    await served().close();
    const statuses = (await Promise.all(heavy)).map((answer) => answer.status);
    expect(new Set(statuses)).toEqual(new Set([503]));
  }, LOAD_MS * 2);
});
