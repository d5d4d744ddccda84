import { saveFile } from '../components/save-file.js';

/**
 * The web app's only way to the server: GraphQL over POST /graphql (and the documented /export routes). The write
 * token and the UI language ride along as headers, so every component asks for data the same way.
 */

export interface ApiErrorDetail {
  message: string;
  extensions?: { code?: string };
}

/** A refusal or failure, with the server's code (FORBIDDEN, BAD_USER_INPUT, …) when it gave one. */
export class ApiError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestSettings {
  token?: string;
  language: string;
}

let settings: RequestSettings = { language: 'en' };

/** Called by the settings provider whenever the token or the language changes. */
export function configureApi(next: RequestSettings): void {
  settings = next;
}

export function requestHeaders(): Record<string, string> {
  return {
    'content-type': 'application/json',
    'accept-language': `${settings.language}, en;q=0.5`,
    ...(settings.token ? { authorization: `Bearer ${settings.token}` } : {}),
  };
}

/** Runs one GraphQL operation; GraphQL errors and HTTP failures both become an ApiError naming the problem. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers: requestHeaders(), body: JSON.stringify({ query, variables }), signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError('the server cannot be reached: is escograph still running?', 'NETWORK');
  }
  let body: { data?: T; errors?: ApiErrorDetail[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(`the server answered HTTP ${response.status} without a GraphQL result`, 'HTTP');
  }
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code);
  if (!body.data) throw new ApiError(`the server answered HTTP ${response.status} without data`, 'HTTP');
  return body.data;
}

/** Downloads an /export route's answer as a file, with the same headers as API calls. */
export async function download(path: string, filename: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<void> {
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers: requestHeaders(),
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new ApiError(`export failed: ${(await response.text()).trim() || `HTTP ${response.status}`}`, 'HTTP');
  saveFile(await response.blob(), filename);
}
