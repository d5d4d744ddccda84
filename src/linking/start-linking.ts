import type { Config } from '../config.js';
import { QualificationRepository } from '../qualifications/index.js';
import type { EscoStore } from '../store/esco-store.js';
import { LinkingThread } from './linking-thread.js';

const say = (message: string) => process.stderr.write(`escograph: ${message}\n`);

/**
 * The server's linking and qualification services. Linking runs in a thread of its own (LinkingThread), which says
 * which embedding backend is in use (and why, after a fallback), then builds the skill and occupation indexes —
 * from the vector cache when it matches, else cold (minutes on CPU); until they are ready, linking answers from the
 * words alone. `followStore` is for another process's import into a shared SPARQL server: the thread moves to the
 * new default version's index once it is built, answering from the one in use meanwhile.
 */
export async function startLinkingServices(store: EscoStore, config: Config, report = say) {
  const linking = await LinkingThread.start(store, config, report);
  const qualifications = await QualificationRepository.open({ store, dataDir: config.dataDir, writeToken: config.writeToken });
  return { linking, qualifications, followStore: () => linking.follow(), close: () => linking.close() };
}
