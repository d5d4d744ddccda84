export { type HttpServerOptions, type Route, type RunningServer, startHttpServer } from './http-server.js';
export { createServices } from './services.js';
export { type StartedServer, type StartOptions, startServer } from './start-server.js';
