/**
 * Requests Node's HTTP parser refuses before any route or hook runs (a bad header character, a bad
 * Content-Length, Content-Length with Transfer-Encoding, a bad chunk, headers over the size limit, a
 * request slower than the request timeout). Fastify's own answer is `{"error":"Bad Request",…}`: this
 * one keeps the API's error shape (SPEC §9) with a stable code, the API's security headers and
 * `no-store`, then closes the connection. The message is in English: the request's headers, and so
 * its language, may be unreadable at this point.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { formatMessage } from '../i18n/messages.js';

export function createClientErrorHandler(apiHeaders: Readonly<Record<string, string>>) {
  const headerLines = Object.entries(apiHeaders)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return function clientErrorHandler(error: Error & { code?: string }, socket: Socket) {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, code, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers_too_large', formatMessage('headers_too_large', 'en')]
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'request_timeout', formatMessage('request_timeout', 'en')]
          : [
              400,
              'invalid_request',
              formatMessage('invalid_request', 'en', { detail: 'malformed HTTP request' }),
            ];
    const body = JSON.stringify({ error: { code, message } });
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${headerLines}` +
          `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
          `connection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  };
}
