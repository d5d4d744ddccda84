import type { Config } from '../config.js';
import { QualificationRepository } from '../qualifications/index.js';
import type { EscoStore } from '../store/esco-store.js';
import { createEmbedder } from './create-embedder.js';
import { LinkingService } from './linking-service.js';

const say = (message: string) => process.stderr.write(`escograph: ${message}\n`);

/**
 * The server's linking and qualification services. Says which embedding backend is in use (and why, after a
 * fallback), then builds the skill and occupation indexes in the background — from the vector cache when it
 * matches, else cold (many minutes on CPU); until they are ready, linking answers from the words alone.
 */
export async function startLinkingServices(store: EscoStore, config: Config, report = say) {
  const embedder = await createEmbedder(config.embedder, { model: config.model, dataDir: config.dataDir });
  report(embedder.notice ?? `linking with the ${embedder.used} backend${embedder.embedder ? ` (${embedder.embedder.model})` : ''}`);
  const linking = new LinkingService({ store, embedder, dataDir: config.dataDir, answerWhileBuilding: true, log: report });
  const warm = async () => {
    for (const type of ['Skill', 'Occupation'] as const) {
      const index = await linking.index(type);
      const how = index.buildMillis.vectorsFromCache ? 'vectors from cache' : `${index.vectorCount} vectors built`;
      report(`${type.toLowerCase()} index ready: ${index.size} concepts, ${how}`);
    }
  };
  warm().catch((error: Error) => report(`building the linking index failed: ${error.message}`));
  const qualifications = await QualificationRepository.open({ store, dataDir: config.dataDir, writeToken: config.writeToken });
  return { linking, qualifications };
}
