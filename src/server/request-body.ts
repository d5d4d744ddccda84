import type { IncomingMessage } from 'node:http';

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Reads a request body, refusing it once it passes `maxBytes` (413) instead of buffering it all. */
export async function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new HttpError(413, `request body is larger than ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export const mediaType = (header: string | undefined) => header?.split(';')[0]?.trim().toLowerCase() ?? '';
