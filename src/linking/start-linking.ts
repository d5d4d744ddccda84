import type { Config } from '../config.js';
import { QualificationRepository } from '../qualifications/index.js';
import type { EscoStore } from '../store/esco-store.js';
import type { StoreChange } from '../store/store-watch.js';
import { createEmbedder } from './create-embedder.js';
import { LinkingService } from './linking-service.js';

const say = (message: string) => process.stderr.write(`escograph: ${message}\n`);

/**
 * A stand-in for the linking service in use, which `replace` swaps: GraphQL, the analysis and the exports are given
 * one object at start, and a replica that follows another process's import moves them all to the new index at once.
 */
function replaceable(initial: LinkingService): { service: LinkingService; replace(next: LinkingService): void } {
  let current = initial;
  const service = new Proxy(initial, {
    get(_, property) {
      const value = Reflect.get(current, property, current) as unknown;
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
  return { service, replace: (next) => (current = next) };
}

/**
 * The server's linking and qualification services. Says which embedding backend is in use (and why, after a
 * fallback), then builds the skill and occupation indexes in the background — from the vector cache when it
 * matches, else cold (many minutes on CPU); until they are ready, linking answers from the words alone.
 * `followStore` is told of another process's import (a shared SPARQL server): when the default version or its
 * import changed, a new index is built beside the one in use, which keeps answering until the new one is ready.
 */
export async function startLinkingServices(store: EscoStore, config: Config, report = say) {
  const embedder = await createEmbedder(config.embedder, { model: config.model, dataDir: config.dataDir });
  report(embedder.notice ?? `linking with the ${embedder.used} backend${embedder.embedder ? ` (${embedder.embedder.model})` : ''}`);
  const start = (answerWhileBuilding: boolean) => new LinkingService({ store, embedder, dataDir: config.dataDir, answerWhileBuilding, log: report });
  const warm = async (service: LinkingService) => {
    for (const type of ['Skill', 'Occupation'] as const) {
      const index = await service.index(type);
      const how = index.buildMillis.vectorsFromCache ? 'vectors from cache' : `${index.vectorCount} vectors built`;
      report(`${type.toLowerCase()} index ready (ESCO ${service.version}): ${index.size} concepts, ${how}`);
    }
  };
  const linking = replaceable(start(true));
  warm(linking.service).catch((error: Error) => report(`building the linking index failed: ${error.message}`));
  let servedStamp = store.importStamp(linking.service.version);
  const followStore = async (change: StoreChange) => {
    const version = store.defaultVersion;
    if (!version || (version === linking.service.version && store.importStamp(version) === servedStamp)) return;
    const stamp = store.importStamp(version);
    servedStamp = stamp;
    report(`the store's default version is now ${version} (${change.defaultChanged ? 'a new default' : 'imported again'}): building its linking index`);
    // Built to completion before the swap: the index in use answers meanwhile, vectors included.
    const next = start(false);
    await warm(next);
    if (servedStamp === stamp) linking.replace(next);
  };
  const qualifications = await QualificationRepository.open({ store, dataDir: config.dataDir, writeToken: config.writeToken });
  return { linking: linking.service, qualifications, followStore };
}
