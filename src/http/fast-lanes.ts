/**
 * Fast lanes: the few answers every open page asks for many times a minute (today only
 * `GET /api/v1/session`), served straight from `node:http` when they can be answered from memory,
 * before Fastify builds its request and reply and runs its hooks. On a session check that machinery
 * cost more than the check itself.
 *
 * A lane is an optimisation, never a second implementation of a rule:
 * - it matches one exact method and URL, and answers only the success it can give without touching
 *   the store (the services' pure `peek…` methods); anything else — no cookie, an expired session,
 *   activity to record, a query it does not know, HEAD, a closing server — returns `false` before
 *   writing a byte, and Fastify serves the request as if the lane did not exist;
 * - it sends what the Fastify route would: the same body writer, security headers, request id,
 *   duration metric and log lines (tests compare both paths over real HTTP).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { type RequestIds, requestIdOf } from './request-id.js';

/** Answers the request and returns true, or returns false having written nothing. */
export type Lane = (req: IncomingMessage, res: ServerResponse, at: LaneRequest) => boolean;

/** What a lane gets besides the raw request: its start time and its own query string. */
export interface LaneRequest {
  /** performance.now() when the request reached the server. */
  startedAt: number;
  /** The URL's query string after `?` ('' when none). */
  query: string;
}

/** The server options Fastify hands its `serverFactory` (those it would apply to its own server). */
export interface ServerOptions {
  http?: http.ServerOptions;
  keepAliveTimeout?: number;
  requestTimeout?: number;
  connectionTimeout?: number;
  maxRequestsPerSocket?: number;
}

/** The app's logger (pino), as far as the lanes use it. */
interface LaneLogger {
  isLevelEnabled(level: string): boolean;
  child(bindings: Record<string, unknown>): { info(object: object, message: string): void };
}

export interface FastLanes {
  /** For Fastify's `serverFactory`: the HTTP server Fastify would create, with the lanes in front. */
  serverFactory(handler: http.RequestListener, options: ServerOptions): http.Server;
  /** A lane for GET requests to `path` (query strings are the lane's to accept or refuse). */
  get(path: string, lane: Lane): void;
  /** From now on every request goes to Fastify (which answers 503 while it closes). */
  close(): void;
}

export function createFastLanes(): FastLanes {
  const lanes = new Map<string, Lane>();
  let open = true;

  const front = (handler: http.RequestListener) => (req: IncomingMessage, res: ServerResponse) => {
    if (open && req.method === 'GET' && lanes.size > 0) {
      const url = req.url ?? '';
      const q = url.indexOf('?');
      const lane = lanes.get(q < 0 ? url : url.slice(0, q));
      if (lane?.(req, res, { startedAt: performance.now(), query: q < 0 ? '' : url.slice(q + 1) })) return;
    }
    handler(req, res);
  };

  return {
    serverFactory(handler, options) {
      // What Fastify does for its own HTTP/1 server (lib/server.js), with the lanes in front.
      // Node looks for requests past `requestTimeout` only every `connectionsCheckingInterval` (30 s by
      // default): a shorter timeout is checked a few times over its length.
      const checkEvery = options.requestTimeout
        ? Math.min(30_000, Math.max(250, Math.floor(options.requestTimeout / 4)))
        : undefined;
      const server = http.createServer(
        { ...(options.http ?? {}), ...(checkEvery ? { connectionsCheckingInterval: checkEvery } : {}) },
        front(handler),
      );
      if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
      if (options.requestTimeout !== undefined) server.requestTimeout = options.requestTimeout;
      // Node enforces `requestTimeout` only when the headers' own limit is no longer (measured on
      // Node 20: with the default 60 s for headers, a 1 s request timeout never fired).
      if (options.requestTimeout)
        server.headersTimeout = Math.min(server.headersTimeout, options.requestTimeout);
      if (options.connectionTimeout !== undefined) server.setTimeout(options.connectionTimeout);
      if (options.maxRequestsPerSocket !== undefined && options.maxRequestsPerSocket > 0) {
        server.maxRequestsPerSocket = options.maxRequestsPerSocket;
      }
      return server;
    },
    get(path, lane) {
      lanes.set(path, lane);
    },
    close() {
      open = false;
    },
  };
}

/**
 * Sends a lane's JSON answer with the headers every API answer carries, and records it the way the
 * route's own hooks would: the request id, the duration metric and Fastify's two request log lines.
 */
export type LaneAnswer = ReturnType<typeof createLaneAnswer>;

export function createLaneAnswer(deps: {
  ids: RequestIds;
  /** The security headers of API answers (see security-headers.ts). */
  headers: Readonly<Record<string, string>>;
  log: LaneLogger;
  /** Client address as the app's request.ip gives it (trustProxy applied). */
  ipOf: (req: IncomingMessage) => string | undefined;
}) {
  const { ids, headers, log, ipOf } = deps;
  return function send(
    req: IncomingMessage,
    res: ServerResponse,
    at: LaneRequest,
    body: string,
    record: (seconds: number) => void,
  ) {
    const reqId = requestIdOf(req, ids);
    const logs = log.isLevelEnabled('info') ? log.child({ reqId }) : null;
    logs?.info({ req: { method: req.method, url: req.url, ip: ipOf(req) } }, 'incoming request');
    res.writeHead(200, {
      ...headers,
      'x-request-id': reqId,
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
    const elapsedMs = performance.now() - at.startedAt;
    record(elapsedMs / 1000);
    logs?.info({ res: { statusCode: 200 }, responseTime: elapsedMs }, 'request completed');
  };
}
