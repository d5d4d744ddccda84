import { describe, expect, test } from 'vitest';
import { realStore } from '../../test/real-store.js';
import type { LinkingService } from '../linking/index.js';
import { createGraphQLServer } from './graphql-server.js';
import { WorkGate } from './work-gate.js';

describe('work gate', () => {
  test('admits up to its lanes, queues up to its bound, refuses the rest at once, and admits the next on leave', async () => {
    const gate = new WorkGate({ concurrent: 1, queue: 1, maxWaitSeconds: 60 });
    const first = await gate.enter();
    expect(first.ok).toBe(true);
    let secondAdmitted = false;
    const second = gate.enter().then((admission) => ((secondAdmitted = admission.ok), admission));
    const third = await gate.enter();
    expect(third).toMatchObject({ ok: false, reason: 'queue full' });
    expect(third.ok || third.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(gate.load).toEqual({ running: 1, waiting: 1 });
    await Promise.resolve();
    expect(secondAdmitted).toBe(false);
    if (first.ok) first.leave();
    const admitted = await second;
    expect(admitted.ok).toBe(true);
    expect(gate.load).toEqual({ running: 1, waiting: 0 });
    if (admitted.ok) admitted.leave();
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  test('gives up a wait past maxWaitSeconds, and a leave called twice frees one lane only', async () => {
    const gate = new WorkGate({ concurrent: 1, queue: 5, maxWaitSeconds: 0.05 });
    const first = await gate.enter();
    expect(await gate.enter()).toMatchObject({ ok: false, reason: 'waited too long' });
    expect(gate.load).toEqual({ running: 1, waiting: 0 });
    if (first.ok) {
      first.leave();
      first.leave();
    }
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });
});

const store = await realStore();

describe('GraphQL linking and analysis through the gate', () => {
  test('past its lanes and queue, a heavy request is 503 SERVER_BUSY with Retry-After at once; cheap reads pass meanwhile', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const linking = { version: store.defaultVersion, suggestOccupations: async () => (await held, []) } as unknown as LinkingService;
    const server = createGraphQLServer({ store, services: { linking }, heavyWork: { concurrent: 1, queue: 0, maxWaitSeconds: 5 }, rateLimit: { perMinute: 60, burst: 20_000 } });
    const run = async (query: string) => {
      const response = await server.apollo.executeOperation({ query }, { contextValue: server.contextFor({ ip: '10.0.0.7' }) });
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      return { status: response.http.status ?? 200, retryAfter: response.http.headers.get('retry-after'), errors: response.body.singleResult.errors, data: response.body.singleResult.data };
    };
    const LINK = '{ suggestOccupations(text: "cook seafood", first: 1) { score } }';
    const first = run(LINK);
    await new Promise((resolve) => setTimeout(resolve, 50));

    const refused = await run(LINK);
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toMatch(/^\d+$/);
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['SERVER_BUSY']);
    expect(refused.errors?.[0]?.message).toMatch(/^server busy: linking and analysis run 1 at a time with at most 0 waiting \(queue full\); retry in \d+ s$/);
    const cheap = await run('{ versions { version } }');
    expect(cheap.errors).toBeUndefined();

    release();
    expect((await first).errors).toBeUndefined();
    // The lane is free again.
    const again = await run(LINK);
    expect(again.errors).toBeUndefined();
  });
});
