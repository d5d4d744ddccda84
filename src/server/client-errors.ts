import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';

/**
 * Longest request line plus headers. A GET query URL-encodes to at most about three times its 20,000-character
 * limit; longer is refused with 414 before it is buffered.
 */
export const MAX_HEADER_BYTES = 64 * 1024;

/** How long, and how much, a refused client may go on sending before its connection is cut. */
const DRAIN_MS = 10_000;
const DRAIN_BYTES = 64 * 1024 * 1024;

const answered = new WeakSet<Duplex>();

/**
 * Node refuses a request whose head passes MAX_HEADER_BYTES, and its default handler destroys the socket while the
 * client is still sending: the client sees a reset, never the status. This answers, closes its side, and reads what
 * the client still sends (within bounds), so the client finishes its request and reads the answer. The parser
 * stops mid-head: if the chunk it stopped in has no line end, the request line itself is too long (414).
 */
export function answerClientError(error: { code?: string; rawPacket?: unknown }, socket: Duplex, logger?: Logger): void {
  if (answered.has(socket)) return;
  answered.add(socket);
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? Buffer.isBuffer(error.rawPacket) && !error.rawPacket.includes('\r\n')
        ? [414, 'URI Too Long', `the URL is longer than ${MAX_HEADER_BYTES} bytes: send the query with POST`]
        : [431, 'Request Header Fields Too Large', `the request head is larger than ${MAX_HEADER_BYTES} bytes`]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'the request took too long to arrive']
        : [400, 'Bad Request', 'the request is not valid HTTP'];
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
  );
  logger?.info({ status, code: error.code }, 'request refused before routing');
  let drained = 0;
  const timer = setTimeout(() => socket.destroy(), DRAIN_MS).unref();
  socket.removeAllListeners('data');
  socket.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_BYTES) socket.destroy();
  });
  socket.once('close', () => clearTimeout(timer));
  socket.resume();
}
