import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ANALYSIS_ARGUMENTS, type AnalysisContext, AnalysisInputError, NotFoundError, analysisScope, analyzeOccupationMatches,
  analyzeSkillsDistribution, analyzeSkillsGap, analyzeSupplyDemand, parseArguments, qualificationById,
} from '../analysis/index.js';
import type { Qualification } from '../qualifications/index.js';
import { UnknownVersionError } from '../store/esco-store.js';
import { type CsvTable, occupationMatchesTable, skillsDistributionTable, skillsGapTable, supplyDemandTable, toCsv } from './analysis-csv.js';
import { ESCO_ATTRIBUTION, exportQualificationElm } from './elm-jsonld.js';

/** Request bodies above this are refused before parsing: 10,000 profiles of 20 skill URIs fit easily. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

type Params = Record<string, unknown>;
type ExportName = keyof typeof ANALYSIS_ARGUMENTS;

/** Query-string form of the inputs, for GET links: lists are comma-separated. */
function paramsOfQuery(url: URL): Params {
  const get = (name: string) => url.searchParams.get(name) ?? undefined;
  const list = (name: string) => get(name)?.split(',').map((v) => v.trim()).filter(Boolean);
  const from = { skills: list('skills'), qualification: get('qualification'), text: get('text') };
  return {
    occupation: get('occupation'),
    from,
    first: get('first') === undefined ? undefined : Number(get('first')),
    filter: get('iscoGroup') ? { iscoGroup: get('iscoGroup') } : undefined,
    version: get('version'),
    language: get('language'),
  };
}

const { 'skills-gap': gapArgs, 'occupation-matches': matchArgs, 'supply-demand': supplyDemandArgs, 'skills-distribution': distributionArgs } =
  ANALYSIS_ARGUMENTS;

const CSV_EXPORTS: Record<ExportName, (context: AnalysisContext, params: Params) => Promise<CsvTable>> = {
  'skills-gap': async (context, p) => skillsGapTable(await analyzeSkillsGap(context, parseArguments(gapArgs, p))),
  'occupation-matches': async (context, p) => occupationMatchesTable(await analyzeOccupationMatches(context, parseArguments(matchArgs, p))),
  'supply-demand': async (context, p) => supplyDemandTable(await analyzeSupplyDemand(context, parseArguments(supplyDemandArgs, p))),
  'skills-distribution': async (context, p) => skillsDistributionTable(await analyzeSkillsDistribution(context, parseArguments(distributionArgs, p))),
};
const isExport = (name: string): name is ExportName => name in CSV_EXPORTS;

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function readJsonBody(request: IncomingMessage): Promise<Params> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('not an object');
    return body as Params;
  } catch (error) {
    throw new HttpError(400, `the request body must be a JSON object of the query's arguments (${(error as Error).message})`);
  }
}

/** The same argument checks as the API, surfaced as HTTP statuses. */
function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof AnalysisInputError || error instanceof UnknownVersionError) return 400;
  return 500;
}

function send(response: ServerResponse, status: number, type: string, body: string, filename?: string): void {
  response.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'x-esco-attribution': ESCO_ATTRIBUTION,
    ...(filename ? { 'content-disposition': `attachment; filename="${filename}"` } : {}),
  });
  response.end(body);
}

const QUALIFICATION_PATH = /^\/export\/qualifications\/([^/]+)\/(elm\.jsonld|links\.csv)$/;
const CSV_PATH = /^\/export\/([a-z-]+)\.csv$/;

/**
 * Every review decision of a qualification, one row per (outcome, skill), accepted before rejected; an outcome
 * without any decision still gets a row, with empty status and skill, so that the file lists every outcome.
 */
export function qualificationLinksTable(qualification: Qualification, labels: Map<string, string>): CsvTable {
  return {
    columns: ['outcome_position', 'outcome', 'status', 'skill_uri', 'skill_label'],
    rows: qualification.learningOutcomes.flatMap((outcome, n) => {
      const decisions = [
        ...outcome.acceptedSkills.map((skill) => ['accepted', skill] as const),
        ...outcome.rejectedSkills.map((skill) => ['rejected', skill] as const),
      ];
      if (decisions.length === 0) return [[n + 1, outcome.text, null, null, null]];
      return decisions.map(([status, skill]) => [n + 1, outcome.text, status, skill, labels.get(skill) ?? null]);
    }),
  };
}

/** A download name from the title: ASCII letters and digits only, so that no browser or shell trips over it. */
export function fileNameOf(title: string, suffix: string): string {
  const slug = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase();
  return `${slug.slice(0, 80).replace(/-+$/, '') || 'qualification'}-${suffix}`;
}

/** `GET /export/qualifications/<id>/elm.jsonld` and `…/links.csv`. */
async function sendQualification(context: AnalysisContext, id: string, file: string, url: URL, response: ServerResponse) {
  const version = url.searchParams.get('version');
  const language = url.searchParams.get('language');
  if (file === 'elm.jsonld') {
    const document = await exportQualificationElm(context, { qualification: id, version, language });
    send(response, 200, 'application/ld+json', JSON.stringify(document, null, 2));
    return;
  }
  const qualification = await qualificationById(context, id);
  // Skill labels in the qualification's own language unless asked otherwise; labels() falls back to English.
  const { index, language: labelLanguage } = await analysisScope(context, { version, language: language ?? qualification.language ?? 'en' });
  const csv = toCsv(qualificationLinksTable(qualification, index.labels(labelLanguage)));
  send(response, 200, 'text/csv', csv, fileNameOf(qualification.title, 'links.csv'));
}

/**
 * The export routes, as a handler any node:http server can call first: it answers `/export/…` and returns
 * false for every other path.
 * - `GET /export/qualifications/<id>/elm.jsonld` — ELM JSON-LD of a qualification's outcomes and skills
 * - `GET /export/qualifications/<id>/links.csv` — its review decisions, one row per outcome and skill
 * - `POST /export/<analysis>.csv` with the GraphQL query's arguments as a JSON body (`skills-gap`,
 *   `occupation-matches`, `supply-demand`, `skills-distribution`); `GET` with query parameters for the first two
 */
export function exportRoutes(context: AnalysisContext) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/export/')) return false;
    try {
      const qualification = QUALIFICATION_PATH.exec(url.pathname);
      const csv = CSV_PATH.exec(url.pathname);
      if (qualification) {
        if (request.method !== 'GET') throw new HttpError(405, `use GET for ${url.pathname}`);
        await sendQualification(context, decodeURIComponent(qualification[1]!), qualification[2]!, url, response);
      } else if (csv && isExport(csv[1]!)) {
        const name = csv[1];
        const usesQuery = request.method === 'GET' && (name === 'skills-gap' || name === 'occupation-matches');
        if (request.method !== 'POST' && !usesQuery) throw new HttpError(405, `use POST with a JSON body for /export/${name}.csv`);
        const params = usesQuery ? paramsOfQuery(url) : await readJsonBody(request);
        send(response, 200, 'text/csv', toCsv(await CSV_EXPORTS[name](context, params)), `${name}.csv`);
      } else {
        throw new HttpError(404, `no export at ${url.pathname}; see the README's Analysis section`);
      }
    } catch (error) {
      const status = statusOf(error);
      send(response, status, 'text/plain', `${status === 500 ? 'internal error' : (error as Error).message}\n`);
    }
    return true;
  };
}
