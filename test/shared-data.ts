import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The real data beside the checkout (../shared, or ESCOGRAPH_SHARED as .ci/run sets it). Missing data fails
 * the tests loudly: they never pass by skipping.
 */
export const SHARED = resolve(process.env.ESCOGRAPH_SHARED ?? join(import.meta.dirname, '..', '..', 'shared'));

export function sharedPath(...parts: string[]): string {
  const path = join(SHARED, ...parts);
  if (!existsSync(path)) throw new Error(`test data missing: ${path} (set ESCOGRAPH_SHARED to the shared/ folder)`);
  return path;
}

export const ESCO_V111 = () => sharedPath('esco', 'v1.1.1');
export const ESCO_V110 = () => sharedPath('esco', 'v1.1.0');
export const ESCO_V111_FR = () => sharedPath('esco', 'v1.1.1-fr');
export const ESCO_RDF_EXCERPT = () => sharedPath('esco', 'rdf', 'esco_v1.0.x_dump_excerpt.ttl');
