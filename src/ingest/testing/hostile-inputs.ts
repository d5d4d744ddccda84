import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import AdmZip from 'adm-zip';

/**
 * Hostile imports, generated small at test time (never committed): the unit tests, the command's tests and the
 * README's table all run these same inputs.
 */
export interface HostileInput {
  name: string;
  path: string;
  /** Environment of the run (limits lowered for the case); the unit tests read limits from it too. */
  env: Record<string, string>;
  message: RegExp;
}

const MiB = 1024 ** 2;
const RDF_OPEN = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">';
const RDF_CLOSE = '</rdf:RDF>';
const rdfXml = (dtd: string, value: string) =>
  `<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n${dtd}]>\n${RDF_OPEN}<rdf:Description rdf:about="http://x/y">` +
  `<rdf:value>${value}</rdf:value></rdf:Description>${RDF_CLOSE}\n`;

const skosLabels = (text: string) =>
  Array.from({ length: 10_000 }, (_, i) => `<http://example.org/s${i}> <http://www.w3.org/2004/02/skos/core#prefLabel> "${text} ${i}"@en .\n`).join('');

export const OCCUPATIONS_HEADER = 'conceptUri,preferredLabel,altLabels,description\n';

/** Names are patched into the archive's bytes: adm-zip would clean `../` away when adding a file. */
function zipWithNames(names: Record<string, string>): Buffer {
  const zip = new AdmZip();
  for (const placeholder of Object.keys(names)) zip.addFile(placeholder, Buffer.from(OCCUPATIONS_HEADER));
  let bytes = zip.toBuffer().toString('latin1');
  for (const [placeholder, name] of Object.entries(names)) bytes = bytes.replaceAll(placeholder, name);
  return Buffer.from(bytes, 'latin1');
}

export function writeHostileInputs(root: string): HostileInput[] {
  const dir = join(root, 'v1.1.1');
  mkdirSync(dir, { recursive: true });
  const file = (name: string, content: string | Buffer) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };
  const zeros = Buffer.alloc(50 * MiB);
  const bombZip = new AdmZip();
  bombZip.addFile('occupations_en.csv', zeros);
  const laughs = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">\n`).join('');

  return [
    {
      name: 'gzip of 50 MiB of zeros (`.nt.gz`, 51 KB)',
      path: file('esco.nt.gz', gzipSync(zeros)),
      env: {},
      message: /esco\.nt\.gz: expands to more than 16\.0 MiB, over 30 times its .* compressed: refused as a likely decompression bomb/,
    },
    {
      name: 'the same gzip, `ESCOGRAPH_IMPORT_MAX_BYTES=1m`',
      path: file('esco-limited.nt.gz', gzipSync(zeros)),
      env: { ESCOGRAPH_IMPORT_MAX_BYTES: '1m' },
      message: /esco-limited\.nt\.gz: passes the import's limit of 1\.0 MiB decompressed/,
    },
    {
      name: 'zip entry of 50 MiB of zeros',
      path: (writeFileSync(join(root, 'v1.1.1-bomb.zip'), bombZip.toBuffer()), join(root, 'v1.1.1-bomb.zip')),
      env: {},
      message: /v1\.1\.1-bomb\.zip!occupations_en\.csv: expands to more than 16\.0 MiB, .*decompression bomb/,
    },
    {
      name: 'plain 2 MiB N-Triples, `ESCOGRAPH_IMPORT_MAX_BYTES=1m`',
      path: file('big.nt', '#'.repeat(2 * MiB)),
      env: { ESCOGRAPH_IMPORT_MAX_BYTES: '1m' },
      message: /big\.nt: passes the import's limit of 1\.0 MiB/,
    },
    {
      name: 'RDF/XML billion laughs (10⁹ × `lol`, 1 KB)',
      path: file('laughs.rdf', rdfXml(`<!ENTITY lol0 "lol">\n${laughs}`, '&lol9;')),
      env: {},
      message: /laughs\.rdf: refused: line 4 declares XML entity "lol1" in terms of other entities/,
    },
    {
      name: 'RDF/XML external entity (`SYSTEM "file:///etc/passwd"`)',
      path: file('xxe.rdf', rdfXml('<!ENTITY xxe SYSTEM "file:///etc/passwd">\n', '&xxe;')),
      env: {},
      message: /xxe\.rdf: refused: line 3 declares XML entity "xxe" from outside the file/,
    },
    {
      name: 'RDF/XML, one 10 KB entity used 10,000 times (70 KB)',
      path: file('quadratic.rdf', rdfXml(`<!ENTITY big "${'x'.repeat(10_000)}">\n`, '&big;'.repeat(10_000))),
      env: { ESCOGRAPH_IMPORT_MAX_ENTITY_EXPANSION: '64m' },
      message: /quadratic\.rdf: refused: its XML entity references expand to more than 64\.0 MiB/,
    },
    {
      name: 'zip entry named `../../x/skills_en.csv`',
      path: (writeFileSync(join(root, 'v1.1.1-up.zip'), zipWithNames({ 'AA/AA/x/skills_en.csv': '../../x/skills_en.csv' })), join(root, 'v1.1.1-up.zip')),
      env: {},
      message: /v1\.1\.1-up\.zip!\.\.\/\.\.\/x\/skills_en\.csv: refused: a zip entry named outside its archive/,
    },
    {
      name: 'zip entry named `/etc/occupations_en.csv`',
      path: (writeFileSync(join(root, 'v1.1.1-abs.zip'), zipWithNames({ 'Betc/occupations_en.csv': '/etc/occupations_en.csv' })), join(root, 'v1.1.1-abs.zip')),
      env: {},
      message: /v1\.1\.1-abs\.zip!\/etc\/occupations_en\.csv: refused: a zip entry named outside its archive/,
    },
    {
      name: 'Latin-1 CSV (`Provençal` as byte 0xE7)',
      path: file(
        'occupations_en.csv',
        Buffer.from(`${OCCUPATIONS_HEADER}http://data.europa.eu/esco/occupation/a,translator,,fine\nhttp://data.europa.eu/esco/occupation/b,Provençal translator,,x\n`, 'latin1'),
      ),
      env: {},
      message: /v1\.1\.1\/occupations_en\.csv: not UTF-8 text: byte 0xE7 at line 3, column 47/,
    },
    {
      name: 'zip named without a version, its `skills_en.csv` headed `uri,label`',
      path: (() => {
        const zip = new AdmZip();
        zip.addFile('skills_en.csv', Buffer.from('uri,label\nhttp://data.europa.eu/esco/skill/x,x\n'));
        zip.writeZip(join(root, 'skills.zip'));
        return join(root, 'skills.zip');
      })(),
      env: {},
      message: /skills\.zip!skills_en\.csv: unexpected CSV header: missing column\(s\) conceptUri, preferredLabel, altLabels, description, skillType, reuseLevel/,
    },
    {
      name: '10,000 triples in no known vocabulary',
      path: file('garbage.nt', Array.from({ length: 10_000 }, (_, i) => `<http://example.org/s${i}> <http://example.org/p> "x" .\n`).join('')),
      env: {},
      message: /garbage\.nt: names neither SKOS \(http:\/\/www\.w3\.org\/2004\/02\/skos\/core#\) nor the ESCO model .*: not ESCO data, nothing saved/,
    },
    {
      name: '10,000 SKOS labels, no concept type named',
      path: file('labels.nt', skosLabels('label')),
      env: {},
      message: /labels\.nt: never names a concept type \(Occupation, Skill, SkillGroup, ISCOGroup, Concept\): not ESCO data/,
    },
    {
      name: '10,000 SKOS labels reading "Concept …"',
      path: file('concept-labels.nt', skosLabels('Concept')),
      env: {},
      message: /concept-labels\.nt: no ESCO concepts found for v1\.1\.1 .*among 10,000 triples\): not ESCO data, nothing saved/,
    },
  ];
}
