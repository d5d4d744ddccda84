import {
  COLLECTIONS, IRI, type CollectionName, collectionIri, iri, isIri, literal, reuseLevelIri, skillTypeIri,
  typedLiteral,
} from './vocabulary.js';

/** Turns one CSV row into N-Triples lines. `lang` is the file's language suffix, when it has one. */
type RowWriter = (row: Record<string, string>, out: string[], lang: string) => void;

export interface CsvTable {
  /** File name without language suffix and extension, lower-cased: `occupations`, `occupationskillrelations`. */
  key: string;
  required: string[];
  /** Tables whose literals are in one language (they carry a `_xx` suffix); relation tables are not. */
  languageDependent: boolean;
  write: RowWriter;
}

/** Multi-valued cells: ESCO separates values by newlines, and in some files by ", " or " | ". */
const splitList = (cell: string | undefined, separator: RegExp = /\n/) =>
  (cell ?? '').split(separator).map((value) => value.trim()).filter(Boolean);
const splitIris = (cell: string | undefined) => splitList(cell, /[\s,|]+/).filter(isIri);

function add(out: string[], subject: string, predicate: string, object: string) {
  out.push(`<${subject}> <${predicate}> ${object} .`);
}

function addText(out: string[], subject: string, predicate: string, value: string | undefined, lang: string) {
  const text = value?.trim();
  if (text) add(out, subject, predicate, literal(text, lang));
}

function subjectOf(row: Record<string, string>, column = 'conceptUri'): string | undefined {
  const uri = row[column]?.trim();
  return uri && isIri(uri) ? uri : undefined;
}

/** What every concept file shares: type, labels, notes, status, schemes. */
function writeConcept(row: Record<string, string>, out: string[], lang: string, type: string): string | undefined {
  const s = subjectOf(row);
  if (!s) return undefined;
  add(out, s, IRI.type, iri(IRI.Concept));
  add(out, s, IRI.type, iri(type));
  addText(out, s, IRI.prefLabel, row.preferredLabel, lang);
  for (const label of splitList(row.altLabels)) add(out, s, IRI.altLabel, literal(label, lang));
  for (const label of splitList(row.hiddenLabels)) add(out, s, IRI.hiddenLabel, literal(label, lang));
  addText(out, s, IRI.description, row.description, lang);
  addText(out, s, IRI.definition, row.definition, lang);
  addText(out, s, IRI.scopeNote, row.scopeNote, lang);
  if (row.status?.trim()) add(out, s, IRI.status, literal(row.status.trim()));
  if (row.modifiedDate?.trim()) add(out, s, IRI.modified, typedLiteral(row.modifiedDate.trim(), IRI.dateTime));
  for (const scheme of splitIris(row.inScheme)) add(out, s, IRI.inScheme, iri(scheme));
  return s;
}

const SKILL_TYPES: Record<string, string> = { 'skill/competence': 'skill', knowledge: 'knowledge', skill: 'skill' };

function writeSkillFacets(s: string, row: Record<string, string>, out: string[]) {
  const type = SKILL_TYPES[row.skillType?.trim() ?? ''];
  if (type) add(out, s, IRI.skillType, iri(skillTypeIri(type)));
  const reuse = row.reuseLevel?.trim();
  if (reuse) add(out, s, IRI.skillReuseLevel, iri(reuseLevelIri(reuse)));
}

function relation(predicateFor: (type: string) => string | undefined, from: string, to: string): RowWriter {
  return (row, out) => {
    const s = subjectOf(row, from);
    const o = subjectOf(row, to);
    const predicate = predicateFor((row.relationType ?? '').trim().toLowerCase());
    if (s && o && predicate) add(out, s, predicate, iri(o));
  };
}
const skillRelation = (type: string) =>
  type === 'essential' ? IRI.hasEssentialSkill : type === 'optional' ? IRI.hasOptionalSkill : undefined;

const broader: RowWriter = (row, out) => {
  const s = subjectOf(row);
  const o = subjectOf(row, 'broaderUri');
  if (!s || !o) return;
  add(out, s, IRI.broader, iri(o));
  add(out, o, IRI.narrower, iri(s));
};

function collection(name: CollectionName): CsvTable {
  const c = collectionIri(name);
  return {
    key: COLLECTIONS[name].toLowerCase(),
    required: ['conceptUri', 'preferredLabel'],
    languageDependent: true,
    write: (row, out) => {
      const s = subjectOf(row);
      if (!s) return;
      add(out, c, IRI.type, iri(IRI.Collection));
      add(out, c, IRI.label, literal(name));
      add(out, c, IRI.member, iri(s));
    },
  };
}

const HIERARCHY_LEVELS = [0, 1, 2, 3];

export const CSV_TABLES: CsvTable[] = [
  {
    key: 'occupations',
    required: ['conceptUri', 'preferredLabel', 'altLabels', 'description'],
    languageDependent: true,
    write: (row, out, lang) => {
      const s = writeConcept(row, out, lang, IRI.Occupation);
      if (!s) return;
      if (row.code?.trim()) add(out, s, IRI.notation, literal(row.code.trim()));
      const isco = row.iscoGroup?.trim();
      if (isco) add(out, s, IRI.memberOfIscoGroup, iri(`http://data.europa.eu/esco/isco/C${isco}`));
      const note = row.regulatedProfessionNote?.trim();
      if (note) add(out, s, IRI.regulatedProfessionNote, isIri(note) ? iri(note) : literal(note, lang));
    },
  },
  {
    key: 'skills',
    required: ['conceptUri', 'preferredLabel', 'altLabels', 'description', 'skillType', 'reuseLevel'],
    languageDependent: true,
    write: (row, out, lang) => {
      const s = writeConcept(row, out, lang, IRI.Skill);
      if (s) writeSkillFacets(s, row, out);
    },
  },
  {
    key: 'skillgroups',
    required: ['conceptUri', 'preferredLabel'],
    languageDependent: true,
    write: (row, out, lang) => {
      const s = writeConcept(row, out, lang, IRI.SkillGroup);
      if (s && row.code?.trim()) add(out, s, IRI.notation, literal(row.code.trim()));
    },
  },
  {
    key: 'iscogroups',
    required: ['conceptUri', 'code', 'preferredLabel'],
    languageDependent: true,
    write: (row, out, lang) => {
      const s = writeConcept(row, out, lang, IRI.IscoGroup);
      if (s && row.code?.trim()) add(out, s, IRI.notation, literal(row.code.trim()));
    },
  },
  {
    key: 'conceptschemes',
    required: ['conceptSchemeUri', 'preferredLabel'],
    languageDependent: true,
    write: (row, out, lang) => {
      const s = subjectOf(row, 'conceptSchemeUri');
      if (!s) return;
      add(out, s, IRI.type, iri(IRI.ConceptScheme));
      addText(out, s, IRI.prefLabel, row.preferredLabel, lang);
      addText(out, s, IRI.title, row.title, lang);
      addText(out, s, IRI.description, row.description, lang);
      for (const top of splitIris(row.hasTopConcept)) add(out, s, IRI.hasTopConcept, iri(top));
    },
  },
  {
    key: 'skillshierarchy',
    required: ['Level 0 URI', 'Level 0 code'],
    languageDependent: true,
    write: (row, out) => {
      for (const level of HIERARCHY_LEVELS) {
        const s = subjectOf(row, `Level ${level} URI`);
        const code = row[`Level ${level} code`]?.trim();
        if (s && code) add(out, s, IRI.notation, literal(code));
      }
    },
  },
  ...(Object.keys(COLLECTIONS) as CollectionName[]).map(collection),
  {
    key: 'occupationskillrelations',
    required: ['occupationUri', 'relationType', 'skillUri'],
    languageDependent: false,
    write: relation(skillRelation, 'occupationUri', 'skillUri'),
  },
  {
    key: 'skillskillrelations',
    required: ['originalSkillUri', 'relationType', 'relatedSkillUri'],
    languageDependent: false,
    write: relation(skillRelation, 'originalSkillUri', 'relatedSkillUri'),
  },
  { key: 'broaderrelationsoccpillar', required: ['conceptUri', 'broaderUri'], languageDependent: false, write: broader },
  { key: 'broaderrelationsskillpillar', required: ['conceptUri', 'broaderUri'], languageDependent: false, write: broader },
];

/** `skills_en.csv` → the skills table, language `en`; `occupationSkillRelations_en.csv` (v1.2) → no language. */
export function tableFor(fileName: string): { table: CsvTable; language?: string } | undefined {
  const match = /^(.+?)(?:_([a-z]{2}(?:-[a-z]{2})?))?\.csv$/i.exec(fileName);
  if (!match) return undefined;
  const key = match[1]!.toLowerCase();
  const table = CSV_TABLES.find((candidate) => candidate.key === key);
  if (!table) return undefined;
  // A language-dependent file without a suffix predates ESCO's per-language downloads, which were English.
  return { table, language: table.languageDependent ? (match[2]?.toLowerCase() ?? 'en') : undefined };
}

