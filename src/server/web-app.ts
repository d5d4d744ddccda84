import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build --workspace web` writes the web app. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Paths the server answers itself: never the web app's index page, whatever the request accepts. */
const SERVER_PATHS = ['/graphql', '/sparql', '/export', '/assets'];

const pathOf = (url: string) => url.split('?', 1)[0]!;
const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/** A browser navigating (it asks for HTML first), as opposed to fetch, curl or a script asking for data. */
export const wantsHtml = (request: FastifyRequest) => request.headers.accept?.includes('text/html') ?? false;

export interface WebApp {
  /** Answers with one of the web app's pages (index.html, ide.html), or 503 when the web app is not built. */
  sendPage(reply: FastifyReply, page: string): FastifyReply;
  /**
   * The index page for a client-side route (/linking, /careers/…): a browser's GET of a path that is no file and
   * not the server's own; `/` whatever it accepts.
   */
  isAppRoute(request: FastifyRequest): boolean;
}

/**
 * Serves the built web app from `root`. The build names assets by content hash, so they are cached for a year;
 * pages are revalidated on every load, so a rebuilt app is seen at once.
 */
export async function registerWebApp(app: FastifyInstance, root: string): Promise<WebApp> {
  const assets = join(root, 'assets') + sep;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: ['index.html'],
    cacheControl: false,
    setHeaders(reply, path) {
      reply.header('Cache-Control', path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return {
    sendPage(reply, page) {
      if (!existsSync(join(root, page))) {
        return reply.code(503).type('text/plain; charset=utf-8').send('the web app is not built: run npm run build --workspace web\n');
      }
      return reply.code(200).sendFile(page);
    },
    isAppRoute(request) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      const path = pathOf(request.url);
      return path === '/' || (wantsHtml(request) && !SERVER_PATHS.some((prefix) => under(path, prefix)));
    },
  };
}
