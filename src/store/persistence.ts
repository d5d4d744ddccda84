import {
  closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import oxigraph from 'oxigraph';
import { EmbeddedBackend } from './embedded-backend.js';
import { EscoStore } from './esco-store.js';

/** Where the saved graph lives inside the data directory. */
export const storeFile = (dataDir: string) => join(dataDir, 'store', 'escograph.nt');

/**
 * The saved file is N-Triples in sections, one per named graph, each opened by a `# graph <iri>` comment line:
 * still valid N-Triples, and it restores about a third faster than N-Quads because no line repeats its graph.
 */
const SECTION = /^# graph <([^>]*)>$/gm;

export function hasSavedStore(dataDir: string): boolean {
  return existsSync(storeFile(dataDir));
}

/** Writes a file so that a crash leaves either the old or the new content, never a mix: write aside, fsync, rename. */
export function writeFileAtomic(path: string, content: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeFileSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  const dirFd = openSync(dirname(path), 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

const TEMP = /\.(\d+)\.tmp$/;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, it is only someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the files that writeFileAtomic leaves when its process is killed mid-write (`escograph.nt.<pid>.tmp`,
 * up to the size of the store): those of processes that are gone, and those of this one's pid that are older
 * than this process, since in a container a restarted server often gets the pid its killed predecessor had.
 * A live writer's file is left alone. Returns the paths removed.
 */
export function removeCrashLeftovers(dataDir: string): string[] {
  const startedAt = Date.now() - process.uptime() * 1000;
  const removed: string[] = [];
  for (const dir of [dataDir, dirname(storeFile(dataDir)), join(dataDir, 'vectors')]) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const pid = Number(TEMP.exec(name)?.[1]);
      if (!pid) continue;
      const path = join(dir, name);
      const leftover =
        pid === process.pid ? (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < startedAt : !isAlive(pid);
      if (!leftover) continue;
      rmSync(path, { force: true });
      removed.push(path);
    }
  }
  return removed;
}

/** Writes every graph of a store (embedded, usually) to the data directory's saved-store file. */
export async function saveStore(store: EscoStore, dataDir: string): Promise<void> {
  const sections: string[] = [];
  for (const graph of await store.graphs()) sections.push(`# graph <${graph}>\n${await store.dump(graph)}`);
  writeFileAtomic(storeFile(dataDir), sections.join('\n'));
}

/** Restores a saved store into the embedded backend; the file was written by saveStore, so it is loaded without re-validation. */
export async function openSavedStore(dataDir: string): Promise<EscoStore> {
  removeCrashLeftovers(dataDir);
  const store = new oxigraph.Store();
  const text = readFileSync(storeFile(dataDir), 'utf8');
  const marks = [...text.matchAll(SECTION)];
  marks.forEach((mark, index) => {
    const end = marks[index + 1]?.index ?? text.length;
    store.load(text.slice(mark.index + mark[0].length, end), {
      format: 'application/n-triples',
      to_graph_name: oxigraph.namedNode(mark[1]!),
      lenient: true,
      no_transaction: true,
    });
  });
  return EscoStore.open(new EmbeddedBackend(store));
}
