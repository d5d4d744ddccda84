import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** Origins whose pages may call the API: a list, or '*' for any page, without tokens. */
export type CorsOrigins = string[] | '*';

/**
 * Security headers on every response. The pages load only their own scripts, styles and workers; the GraphQL
 * IDE's editor sets inline styles and starts its language workers from blob: URLs.
 */
export async function registerSecurityHeaders(app: FastifyInstance) {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // The same as frame-ancestors 'none', for browsers that only know the older header.
    xFrameOptions: { action: 'deny' },
    // Whether the server is reached over TLS is the proxy's business in front of it, not this server's to pin.
    strictTransportSecurity: false,
  });
}

/**
 * CORS for the configured origins. Listed origins may send a token (Authorization); with '*' any page may read,
 * but a token is never accepted cross-origin, so no site can act with a user's write access. No cookies either way.
 */
export async function registerCors(app: FastifyInstance, origins: CorsOrigins) {
  if (origins.length === 0) return;
  const anyOrigin = origins === '*';
  await app.register(fastifyCors, {
    origin: anyOrigin ? '*' : origins,
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: ['Content-Type', 'Accept-Language', 'apollo-require-preflight', ...(anyOrigin ? [] : ['Authorization'])],
    exposedHeaders: ['Content-Disposition', 'X-Esco-Attribution'],
    credentials: false,
    maxAge: 600,
  });
}
