import { detect } from 'tinyld/light';

/**
 * What an opened file is for: plain text goes into the editor to be split; a CSV or an ELM credential already holds
 * qualifications (title, outcomes, declared skills) and is imported as it is, through importCredential.
 */
export type SourceFile = { kind: 'text'; title: string; text: string } | { kind: 'credential'; format: 'CSV' | 'ELM_JSONLD'; name: string; content: string };

/** Larger files are refused before reading: the server takes credentials of at most 5 MB. */
export const MAX_FILE_BYTES = 5_000_000;

export function kindOf(name: string): 'text' | 'CSV' | 'ELM_JSONLD' | undefined {
  const extension = name.toLowerCase().split('.').pop();
  if (extension === 'txt' || extension === 'md') return 'text';
  if (extension === 'csv') return 'CSV';
  if (extension === 'jsonld' || extension === 'json') return 'ELM_JSONLD';
  return undefined;
}

export async function readSourceFile(file: File): Promise<SourceFile> {
  const kind = kindOf(file.name);
  if (!kind) throw new Error(`${file.name}: open a .txt, .csv or .jsonld file`);
  if (file.size > MAX_FILE_BYTES) throw new Error(`${file.name} is ${(file.size / 1e6).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1e6} MB: split it into several files`);
  const content = await file.text();
  if (!content.trim()) throw new Error(`${file.name} is empty`);
  if (kind === 'text') return { kind: 'text', title: file.name.replace(/\.[^.]+$/, ''), text: content };
  return { kind: 'credential', format: kind, name: file.name, content };
}

/** The text's language among those the server has, or undefined when the text is too short to tell. */
export function detectLanguage(text: string, available: string[]): string | undefined {
  if (text.trim().length < 20) return undefined;
  const found = detect(text, { only: available });
  return found || undefined;
}
