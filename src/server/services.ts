import type { Config } from '../config.js';
import type { GraphQLServices } from '../graphql/index.js';
import type { EscoStore } from '../store/esco-store.js';
import type { StoreChange } from '../store/store-watch.js';
import type { Route } from './http-server.js';
import { startLinkingServices } from '../linking/index.js';
import { skillLinkerOf } from '../analysis/index.js';
import { exportRoutes } from '../export/index.js';

/**
 * The other modules' services and HTTP routes that `serve` plugs into the server. Modules add their factory here
 * (one line each); a module's resolvers find its service in context.services. `followStore` is what modules do
 * when another process changed the shared store; `close` stops what they run (the linking thread).
 */
export async function createServices(store: EscoStore, config: Config): Promise<{
  services: Partial<GraphQLServices>; routes: Route[]; followStore: (change: StoreChange) => Promise<void>; close: () => Promise<void>;
}> {
  const { linking, qualifications, followStore, close } = await startLinkingServices(store, config);
  const exports = exportRoutes({ store, qualifications, linker: skillLinkerOf(linking) });
  return { services: { linking, qualifications }, routes: [exports], followStore, close };
}
