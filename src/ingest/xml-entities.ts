import { ImportError } from './errors.js';
import { formatBytes } from './limits.js';

/*
 * oxigraph's RDF/XML parser expands the entities of a DTD without limit, nested ones too, and honours a DOCTYPE
 * anywhere in the document: a 703-byte "billion laughs" file ran 51 s to 4.2 GB. RDF/XML needs DTDs only for
 * namespace shorthands (`<!ENTITY esco "http://data.europa.eu/esco/model#">`, as Protégé writes them), so those
 * are kept, and everything that multiplies or reaches outside the file is refused before parsing.
 */

const PREDEFINED_OR_CHARACTER = /^&(?:#\d+|#x[0-9a-f]+|lt|gt|amp|apos|quot);/i;
const REFERENCE = /&([A-Za-z_:][\w.:-]*);/g;

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < position; nl = text.indexOf('\n', nl + 1)) line++;
  return line;
}

/** Reads DTDs one declaration at a time, so that a refusal can say which declaration and where. */
class DtdReader {
  constructor(
    private readonly label: string,
    private readonly text: string,
    public at: number,
  ) {}

  refuse(reason: string, position = this.at): never {
    throw new ImportError(`${this.label}: refused: line ${lineAt(this.text, position)} ${reason}`);
  }

  skipSpace(): void {
    while (/\s/.test(this.text[this.at] ?? '')) this.at++;
  }

  startsWith(token: string): boolean {
    return this.text.startsWith(token, this.at);
  }

  /** One character, or a whole quoted string: quotes may hold the characters that would end a declaration. */
  step(): void {
    const quote = this.text[this.at];
    this.at = quote === '"' || quote === "'" ? this.text.indexOf(quote, this.at + 1) + 1 || this.text.length : this.at + 1;
  }

  skipPast(end: string): void {
    while (this.at < this.text.length && !this.startsWith(end)) this.step();
    if (this.at >= this.text.length) this.refuse(`opens a DTD declaration that never ends`);
    this.at += end.length;
  }

  /** `<!ENTITY name "value">`: only plain text values, which cannot multiply. */
  entity(declared: Map<string, number>): void {
    const start = this.at;
    this.at += '<!ENTITY'.length;
    this.skipSpace();
    if (this.startsWith('%')) this.refuse('declares a parameter entity, which RDF/XML never needs', start);
    const name = /^[^\s"'>]+/.exec(this.text.slice(this.at, this.at + 200))?.[0] ?? '';
    this.at += name.length;
    this.skipSpace();
    const quote = this.text[this.at];
    if (quote !== '"' && quote !== "'") {
      this.refuse(`declares XML entity "${name}" from outside the file (SYSTEM or PUBLIC); only plain-text entities are read`, start);
    }
    const close = this.text.indexOf(quote, this.at + 1);
    if (close === -1) this.refuse(`declares XML entity "${name}" with a value that never ends`, start);
    const value = this.text.slice(this.at + 1, close);
    for (let amp = value.indexOf('&'); amp !== -1; amp = value.indexOf('&', amp + 1)) {
      if (!PREDEFINED_OR_CHARACTER.test(value.slice(amp, amp + 12))) {
        this.refuse(`declares XML entity "${name}" in terms of other entities: nested entities are how a "billion laughs" file expands a few bytes into gigabytes`, start);
      }
    }
    if (value.includes('%')) this.refuse(`declares XML entity "${name}" using parameter entities`, start);
    this.at = close + 1;
    this.skipSpace();
    if (!this.startsWith('>')) this.refuse(`declares XML entity "${name}" with more than a plain value`, start);
    this.at++;
    declared.set(name, value.length);
  }

  /** From `<!DOCTYPE` to its closing `>`, collecting the entities it declares. */
  doctype(declared: Map<string, number>): void {
    this.at += '<!DOCTYPE'.length;
    while (this.at < this.text.length && !this.startsWith('[') && !this.startsWith('>')) this.step();
    if (this.startsWith('>')) return;
    this.at++;
    for (;;) {
      this.skipSpace();
      if (this.at >= this.text.length) this.refuse('opens a DTD that never ends');
      if (this.startsWith(']')) break;
      if (this.startsWith('<!--')) this.skipPast('-->');
      else if (this.startsWith('<?')) this.skipPast('?>');
      else if (this.startsWith('<!ENTITY')) this.entity(declared);
      else if (/^<!(?:ELEMENT|ATTLIST|NOTATION)\s/.test(this.text.slice(this.at, this.at + 12))) this.skipPast('>');
      else if (this.startsWith('%')) this.refuse('uses a parameter entity in its DTD, which RDF/XML never needs');
      else this.refuse('holds a DTD this importer cannot read');
    }
    this.at++;
    this.skipSpace();
    if (!this.startsWith('>')) this.refuse('holds a DTD this importer cannot read');
  }
}

/** Refuses an RDF/XML document whose DTD could expand it beyond `maxExpansion` characters or read other files. */
export function checkXmlEntities(label: string, text: string, maxExpansion: number): void {
  const declared = new Map<string, number>();
  for (let at = text.indexOf('<!DOCTYPE'); at !== -1; ) {
    const reader = new DtdReader(label, text, at);
    reader.doctype(declared);
    at = text.indexOf('<!DOCTYPE', reader.at);
  }
  if (declared.size === 0) return;
  let expansion = 0;
  for (const match of text.matchAll(REFERENCE)) {
    expansion += declared.get(match[1]!) ?? 0;
    if (expansion > maxExpansion) {
      throw new ImportError(
        `${label}: refused: its XML entity references expand to more than ${formatBytes(maxExpansion)} ` +
          `(ESCOGRAPH_IMPORT_MAX_ENTITY_EXPANSION raises the limit)`,
      );
    }
  }
}
