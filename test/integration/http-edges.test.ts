/**
 * What the HTTP layer answers before or beside any route: requests Node's parser refuses, requests
 * that take too long to arrive, and a static file's own refusals. Over real sockets, where the
 * parser and the timeouts run.
 */
import { readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, captureLogs, dialects, type TestApp } from '../helpers/app.js';

const WEB_ASSETS = path.join(import.meta.dirname, '../../web/dist/assets');

/** Sends raw bytes, returns everything the server wrote until it closed (or `waitMs`). */
function exchange(port: number, request: string, waitMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(answer);
    }, waitMs);
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.on('error', reject);
  });
}

function parse(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

describe.each(dialects)('HTTP edges (%s)', (dialect) => {
  let t: TestApp;
  let port: number;
  let logs: ReturnType<typeof captureLogs>;
  beforeEach(async () => {
    logs = captureLogs();
    t = await buildTestApp({ dialect, config: { requestTimeout: '1s' }, logger: logs.logger });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterEach(async () => {
    await t.close();
  });

  it('requests the HTTP parser refuses get the API’s error shape, headers and a stable code', async () => {
    for (const [request, status, code] of [
      ['GET /api/v1/session HTTP/1.1\r\nHost: localhost\r\nX-A: a\u0001b\r\n\r\n', 400, 'invalid_request'],
      [
        'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
        400,
        'invalid_request',
      ],
      [
        `GET /api/v1/session?${'a'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`,
        431,
        'headers_too_large',
      ],
    ] as const) {
      const answer = parse(await exchange(port, request));
      expect(answer.status).toBe(status);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code } });
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers.connection).toBe('close');
    }
  });

  it('a request that does not arrive whole in time gets 408 and its connection is closed', async () => {
    const started = Date.now();
    // Headers and half a body, then nothing: the connection must not be held for ever.
    const answer = parse(
      await exchange(
        port,
        'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost:3000\r\n' +
          'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":',
        10_000,
      ),
    );
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body).error.code).toBe('request_timeout');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a static file’s own refusals (Range, If-Match) are 416 and 412, not errors of ours', async () => {
    const asset = readdirSync(WEB_ASSETS).find((name) => name.endsWith('.js'));
    expect(asset).toBeDefined();
    const get = (header: string) =>
      exchange(
        port,
        `GET /assets/${asset} HTTP/1.1\r\nHost: localhost\r\n${header}\r\nConnection: close\r\n\r\n`,
      );
    const range = parse(await get('Range: bytes=999999999-'));
    expect(range.status).toBe(416);
    expect(range.headers['content-range']).toMatch(/^bytes \*\/\d+$/);
    expect(JSON.parse(range.body).error.code).toBe('range_not_satisfiable');
    const precondition = parse(await get('If-Match: "not-this-one"'));
    expect(precondition.status).toBe(412);
    expect(JSON.parse(precondition.body).error.code).toBe('precondition_failed');
    // Neither is logged as a failure of the service.
    expect(logs.lines.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });
});
