import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import { describe, expect, it } from 'vitest';
import { ImportError } from './errors.js';
import { importEsco } from './import.js';
import { importLimitsFromEnv } from './limits.js';
import { OCCUPATIONS_HEADER, writeHostileInputs } from './testing/hostile-inputs.js';
import { firstInvalidUtf8 } from './text.js';
import { ESCO_RDF_EXCERPT } from '../../test/shared-data.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'escograph-hostile-'));
const OCCUPATION = 'http://data.europa.eu/esco/occupation/a';

async function refusal(run: () => Promise<unknown>): Promise<ImportError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('the import succeeded');
}

describe('hostile imports', () => {
  const inputs = writeHostileInputs(tempDir());

  it.each(inputs.map((input) => [input.name, input] as const))('refuses %s, naming the file and the problem', async (_, input) => {
    const error = await refusal(() => importEsco({ paths: [input.path], limits: importLimitsFromEnv(input.env) }));
    expect(error.message).toMatch(input.message);
  });

  it('refuses an entry that holds more than its zip header declares', async () => {
    const zip = new AdmZip();
    zip.addFile('occupations_en.csv', Buffer.alloc(1024 * 1024, 'a'));
    const bytes = zip.toBuffer();
    // The uncompressed size sits at offset 22 of the local header and 24 of the central one.
    bytes.writeUInt32LE(10, bytes.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04])) + 22);
    bytes.writeUInt32LE(10, bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24);
    const path = join(tempDir(), 'v1.1.1-lies.zip');
    writeFileSync(path, bytes);
    expect((await refusal(() => importEsco({ paths: [path] }))).message).toMatch(/v1\.1\.1-lies\.zip!occupations_en\.csv: cannot be extracted, the archive is damaged/);
  });

  it('refuses a DOCTYPE inside the document, which the RDF/XML parser would honour too', async () => {
    const path = join(tempDir(), 'v1.1.1-late.rdf');
    writeFileSync(path, `<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<!DOCTYPE x [<!ENTITY a "x"><!ENTITY b "&a;&a;">]></rdf:RDF>`);
    expect((await refusal(() => importEsco({ paths: [path] }))).message).toMatch(/v1\.1\.1-late\.rdf: refused: line 3 declares XML entity "b" in terms of other entities/);
  });

  it('refuses a Latin-1 Turtle file too', async () => {
    const path = join(tempDir(), 'v1.1.1.ttl');
    writeFileSync(path, Buffer.from(`<${OCCUPATION}> <http://www.w3.org/2004/02/skos/core#prefLabel> "Provençal"@en .\n`, 'latin1'));
    expect((await refusal(() => importEsco({ paths: [path] }))).message).toMatch(/v1\.1\.1\.ttl: not UTF-8 text: byte 0xE7 at line 1/);
  });

  it('still asks for the version of a zip whose CSVs are ESCO\'s', async () => {
    const zip = new AdmZip();
    zip.addFile('occupations_en.csv', Buffer.from(`${OCCUPATIONS_HEADER}${OCCUPATION},a,,b\n`));
    const path = join(tempDir(), 'occupations.zip');
    zip.writeZip(path);
    expect((await refusal(() => importEsco({ paths: [path] }))).message).toMatch(/occupations\.zip: cannot tell which ESCO version this is/);
  });
});

describe('what real data needs still imports', () => {
  it('accepts a CSV with a UTF-8 byte-order mark', async () => {
    const dir = join(tempDir(), 'v1.1.1');
    mkdirSync(dir);
    writeFileSync(join(dir, 'occupations_en.csv'), `\uFEFF${OCCUPATIONS_HEADER}${OCCUPATION},Provençal translator,,x\n`);
    const { store, summaries } = await importEsco({ paths: [dir] });
    expect(summaries[0]!.occupations).toBe(1);
    expect(await store.ask(`ASK { <${OCCUPATION}> <http://www.w3.org/2004/02/skos/core#prefLabel> "Provençal translator"@en }`)).toBe(true);
  });

  it('accepts RDF/XML whose DTD declares namespace shorthands, as Protégé writes them', async () => {
    const path = join(tempDir(), 'v1.1.1.rdf');
    writeFileSync(
      path,
      `<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n  <!-- shorthands -->\n  <!ENTITY esco "http://data.europa.eu/esco/model#">\n` +
        `  <!ENTITY skos "http://www.w3.org/2004/02/skos/core#">\n]>\n` +
        `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:skos="&skos;">\n` +
        `<rdf:Description rdf:about="${OCCUPATION}"><rdf:type rdf:resource="&esco;Occupation"/>` +
        `<rdf:type rdf:resource="&skos;Concept"/><skos:prefLabel xml:lang="en">a &amp; b</skos:prefLabel></rdf:Description>\n</rdf:RDF>\n`,
    );
    expect((await importEsco({ paths: [path] })).summaries[0]!.occupations).toBe(1);
  });

  it('accepts a gzipped dump under the default limits', async () => {
    const path = join(tempDir(), 'esco_v1.0.x_dump_excerpt.ttl.gz');
    writeFileSync(path, gzipSync(readFileSync(ESCO_RDF_EXCERPT())));
    expect((await importEsco({ paths: [path] })).summaries[0]!.skills).toBeGreaterThan(0);
  });

  it('reads limits from the environment, in binary units', () => {
    expect(importLimitsFromEnv({ ESCOGRAPH_IMPORT_MAX_BYTES: '2g', ESCOGRAPH_IMPORT_MAX_RATIO: '10' })).toMatchObject({ maxBytes: 2 * 1024 ** 3, maxRatio: 10 });
    expect(() => importLimitsFromEnv({ ESCOGRAPH_IMPORT_MAX_BYTES: 'lots' })).toThrow(/ESCOGRAPH_IMPORT_MAX_BYTES=lots: expected a size/);
  });
});

describe('finding the first byte that is not UTF-8', () => {
  it.each([
    ['valid text of 1 to 4 bytes a character', 'a é € 😀', -1],
    ['a Latin-1 letter', [0x61, 0xe7, 0x61], 1],
    ['an overlong form', [0x61, 0xc0, 0x80], 1],
    ['a surrogate', [0x61, 0x62, 0xed, 0xa0, 0x80], 2],
    ['a character cut short', [0xe2, 0x82], 0],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
  ] as const)('%s', (_, input, offset) => {
    expect(firstInvalidUtf8(typeof input === 'string' ? Buffer.from(input) : Buffer.from(input))).toBe(offset);
  });
});
