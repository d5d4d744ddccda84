import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { readEscoCsv } from '../../test/csv-oracle.js';
import { type OxigraphServer, startOxigraphServer } from '../../test/oxigraph-server.js';
import { ESCO_RDF_EXCERPT, ESCO_V111 } from '../../test/shared-data.js';
import { loadConfig } from '../config.js';
import type { RunningServer } from '../server/index.js';
import { hasSavedStore } from '../store/persistence.js';
import { runServe } from './serve-command.js';

describe('escograph serve (npm start) with no saved store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'escograph-serve-'));
  let running: RunningServer | undefined;
  afterAll(async () => {
    await running?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // A whole v1.1.1 import from the zips: 15 s on a quiet machine, 66 s at loadavg 12; the suite must pass under load.
  it('imports ESCO_DATA, saves it, and serves it', { timeout: 600_000 }, async () => {
    const config = loadConfig({ dataDir, port: 0, embedder: 'none' }, { ESCO_DATA: ESCO_V111() });
    running = await runServe(config, pino({ level: 'silent' }));
    expect(hasSavedStore(dataDir)).toBe(true);

    const occupation = readEscoCsv(ESCO_V111(), 'occupations_en.csv')[0]!;
    const response = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: `{ versions { version } occupation(uri: "${occupation.conceptUri}") { preferredLabel } }` }),
    });
    const body = (await response.json()) as { data: { versions: { version: string }[]; occupation: { preferredLabel: string } } };
    expect(body.data.versions.map((v) => v.version)).toEqual(['v1.1.1']);
    expect(body.data.occupation.preferredLabel).toBe(occupation.preferredLabel);
  });
});

describe('escograph serve on a SPARQL server (ESCOGRAPH_STORE)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'escograph-serve-server-'));
  let server: OxigraphServer | undefined;
  afterAll(async () => {
    await server?.stop({ remove: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports ESCO_DATA into an empty server once; later starts connect and serve, saving nothing locally', async () => {
    server = await startOxigraphServer();
    const env = { ...server.env, ESCO_DATA: ESCO_RDF_EXCERPT() };
    const logged: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line).msg) });
    for (const start of ['first', 'second']) {
      const running = await runServe(loadConfig({ dataDir, port: 0, embedder: 'none' }, env), logger);
      try {
        const response = await fetch(`${running.url}/sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) WHERE { ?s a <http://data.europa.eu/esco/model#Skill> }')}`, { headers: { Accept: 'text/csv' } });
        expect(await response.text(), start).toMatch(/^n\r\n[1-9]\d*\r\n$/);
      } finally {
        await running.close();
      }
    }
    expect(logged.filter((msg) => msg.startsWith('no ESCO version in the store'))).toHaveLength(1);
    expect(logged.filter((msg) => msg === 'store opened')).toHaveLength(1);
    expect(hasSavedStore(dataDir)).toBe(false);
  });
});

describe('--cors-origins / ESCOGRAPH_CORS_ORIGINS', () => {
  it('takes a comma-separated list of origins, or * alone; none by default', () => {
    expect(loadConfig({}, {}).corsOrigins).toEqual([]);
    expect(loadConfig({}, { ESCOGRAPH_CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).corsOrigins).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(loadConfig({ corsOrigins: '*' }, { ESCOGRAPH_CORS_ORIGINS: 'https://a.example' }).corsOrigins).toBe('*');
  });

  it('refuses what is not an origin, naming it', () => {
    for (const value of ['https://a.example/', 'https://a.example/app', 'a.example', '*,https://a.example']) {
      expect(() => loadConfig({ corsOrigins: value }, {}), value).toThrow(/is not an origin/);
    }
  });
});

describe('HOST / --host and ESCOGRAPH_TRUST_PROXY', () => {
  it('listens on every interface and trusts no proxy by default; a flag wins over the environment', () => {
    expect(loadConfig({}, {})).toMatchObject({ host: '0.0.0.0', trustProxy: [] });
    expect(loadConfig({ host: '::1' }, { HOST: '127.0.0.1' }).host).toBe('::1');
    expect(loadConfig({}, { ESCOGRAPH_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8, loopback, fd00::/8' }).trustProxy)
      .toEqual(['127.0.0.1', '10.0.0.0/8', 'loopback', 'fd00::/8']);
  });

  it('refuses what is not an address, naming it', () => {
    expect(() => loadConfig({}, { HOST: 'example.org' })).toThrow(/"example.org" is not an IP address to listen on/);
    for (const value of ['true', '*', '10.0.0.0/33', 'proxy.example', '1.2.3.4/8/1']) {
      expect(() => loadConfig({}, { ESCOGRAPH_TRUST_PROXY: value }), value).toThrow(/is not a proxy address/);
    }
  });
});

describe('the SPARQL pool: ESCOGRAPH_SPARQL_* / --sparql-*', () => {
  it('reads workers, queue, per-client cap, row cap, query memory and idle time; a flag wins over the environment', () => {
    expect(loadConfig({}, {}).sparql).toMatchObject({ queue: 32, perClient: 4, maxRows: 100_000, queryMemoryMb: 512, idleSeconds: 60 });
    const env = {
      ESCOGRAPH_SPARQL_WORKERS: '3', ESCOGRAPH_SPARQL_QUEUE: '8', ESCOGRAPH_SPARQL_PER_CLIENT: '2', ESCOGRAPH_SPARQL_MAX_ROWS: '500', ESCOGRAPH_SPARQL_QUERY_MEMORY_MB: '256',
      ESCOGRAPH_SPARQL_IDLE_SECONDS: '0',
    };
    expect(loadConfig({}, env).sparql).toEqual({ workers: 3, queue: 8, perClient: 2, maxRows: 500, queryMemoryMb: 256, idleSeconds: 0 });
    expect(loadConfig({ sparqlWorkers: '1', sparqlMaxRows: '10' }, env).sparql).toMatchObject({ workers: 1, maxRows: 10 });
    expect(() => loadConfig({ sparqlWorkers: '0' }, {})).toThrow(/sparql\.workers/);
  });
});
