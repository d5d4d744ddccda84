export { type HttpServerOptions, type Route, type RunningServer, startHttpServer } from './http-server.js';
export { ESCO_ATTRIBUTION, landingPage } from './landing-page.js';
export { createServices } from './services.js';
