import { describe, expect, test } from 'vitest';
import { realStore } from '../../test/real-store.js';
import { LinkingService } from '../linking/index.js';
import { createGraphQLServer } from './graphql-server.js';
import { TokenBuckets } from './rate-limit.js';

describe('token buckets', () => {
  test('a full burst at once, then the refill rate; clients apart; nothing taken from a refused charge', () => {
    let now = 0;
    const buckets = new TokenBuckets({ perMinute: 60_000, burst: 20_000 }, () => now);
    expect(buckets.charge('a', 20_000)).toEqual({ ok: true });
    expect(buckets.charge('a', 5_000)).toEqual({ ok: false, retryAfterSeconds: 5 });
    expect(buckets.charge('b', 20_000)).toEqual({ ok: true });
    now += 5_000;
    expect(buckets.charge('a', 5_000)).toEqual({ ok: true });
    expect(buckets.charge('a', 1)).toEqual({ ok: false, retryAfterSeconds: 1 });
    now += 3_600_000;
    expect(buckets.charge('a', 20_000)).toEqual({ ok: true });
  });

  test('free work and a disabled limit charge nothing', () => {
    const buckets = new TokenBuckets({ perMinute: 0, burst: 0 });
    expect(buckets.charge('a', 1e9)).toEqual({ ok: true });
    expect(new TokenBuckets({ perMinute: 60, burst: 1 }).charge('a', 0)).toEqual({ ok: true });
  });
});

const store = await realStore();

describe('GraphQL rate limit per client', () => {
  const TOKEN = 'rate-limit-test-token';
  const linking = new LinkingService({ store, embedder: { requested: 'none', used: 'none' } });
  // One linking request of 2,000 characters costs about 6,050: three fit the burst, the fourth waits minutes (20 a second).
  const server = createGraphQLServer({ store, services: { linking }, writeToken: TOKEN, rateLimit: { perMinute: 1_200, burst: 20_000 } });
  const LINK = 'query ($t: String!) { suggestOccupations(text: $t, first: 1) { score } }';
  const text = 'Prepare and cook seafood dishes following hygiene rules. '.repeat(35).slice(0, 2_000);
  async function run(query: string, variables: Record<string, unknown>, request: { ip?: string; authorization?: string }) {
    const response = await server.apollo.executeOperation({ query, variables }, { contextValue: server.contextFor(request) });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    const { errors } = response.body.singleResult;
    return { status: response.http.status, retryAfter: response.http.headers.get('retry-after'), errors };
  }

  test('linking past the burst is 429 RATE_LIMITED with Retry-After; lookups, other clients and the token holder still pass', async () => {
    for (let i = 0; i < 3; i++) expect((await run(LINK, { t: text }, { ip: '10.0.0.1' })).errors).toBeUndefined();
    const limited = await run(LINK, { t: text }, { ip: '10.0.0.1' });
    expect(limited.status).toBe(429);
    expect(limited.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    const seconds = Number(limited.retryAfter);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(limited.errors![0]!.message).toMatch(new RegExp(`retry in ${seconds} s$`));
    expect(limited.errors![0]!.extensions).toMatchObject({ retryAfter: seconds });

    const lookup = await run('{ occupations(first: 5) { totalCount } search(text: "nurse") { totalCount } }', {}, { ip: '10.0.0.1' });
    expect(lookup.errors).toBeUndefined();
    expect((await run(LINK, { t: text }, { ip: '10.0.0.2' })).errors).toBeUndefined();
    // A wrong token is the IP's bucket; the right one has its own.
    expect((await run(LINK, { t: text }, { ip: '10.0.0.1', authorization: 'Bearer wrong-token-x' })).status).toBe(429);
    expect((await run(LINK, { t: text }, { ip: '10.0.0.1', authorization: `Bearer ${TOKEN}` })).errors).toBeUndefined();
    // In-process calls carry no client.
    expect((await run(LINK, { t: text }, {})).errors).toBeUndefined();
  });

  test('a request over the cost limit is 400 before any bucket is charged; a burst below the cost limit is refused at start', async () => {
    const tooBig = await run(LINK, { t: 'cook '.repeat(2_000) }, { ip: '10.0.0.3' });
    expect(tooBig.status).toBe(400);
    expect(tooBig.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(() => createGraphQLServer({ store, rateLimit: { perMinute: 1_000, burst: 10_000 } })).toThrow(/below the cost limit \(20000\)/);
  });
});
