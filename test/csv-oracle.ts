import AdmZip from 'adm-zip';
import { parse } from 'csv-parse/sync';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads an ESCO CSV straight from the official zips, independently of the importer, so tests compare what
 * escograph serves with what the download says.
 */
export function readEscoCsv(versionDir: string, fileName: string): Record<string, string>[] {
  for (const zipName of readdirSync(versionDir).filter((name) => name.endsWith('.zip'))) {
    const entry = new AdmZip(join(versionDir, zipName)).getEntries().find((e) => e.entryName.endsWith(fileName));
    if (entry) return parse(entry.getData(), { columns: true, bom: true }) as Record<string, string>[];
  }
  throw new Error(`${fileName} not found in ${versionDir}`);
}
