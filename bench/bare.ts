/**
 * Benchmark child: the peers Portier is compared with, each a bare Fastify 5 app with the logger off.
 * Same start/stop protocol as bench/server.ts (one JSON line on stdout). BENCH_PEER chooses:
 *
 * - `bare` (default): one GET route answering a small JSON object — the reference of the
 *   session-check target.
 * - `answer`: one GET route sending the very answer the app gives to GET /api/v1/session (its
 *   headers and body, as JSON in BENCH_ANSWER) from memory, with no work at all: the least any
 *   Fastify route sending that answer through its reply costs on this machine.
 * - `verify`: POST /api/v1/auth/login parsing the JSON body and verifying its password with the app's
 *   own hasher (argon2id, same parameters and gate), then `{ status: 'ok' }` — no store, no session,
 *   no cookie. Any sign-in that checks a password does at least this much work.
 */
import Fastify from 'fastify';

type Peer = 'bare' | 'answer' | 'verify';

interface Answer {
  headers: Record<string, string>;
  body: string;
}

function peerKind(): Peer {
  const kind = process.env.BENCH_PEER ?? 'bare';
  if (kind === 'bare' || kind === 'answer' || kind === 'verify') return kind;
  throw new Error(`BENCH_PEER must be bare, answer or verify (got ${JSON.stringify(kind)})`);
}

function answerFromEnv(): Answer {
  const parsed = JSON.parse(process.env.BENCH_ANSWER ?? 'null') as Partial<Answer> | null;
  if (!parsed || typeof parsed.body !== 'string' || typeof parsed.headers !== 'object' || !parsed.headers) {
    throw new Error('BENCH_PEER=answer needs BENCH_ANSWER: {"headers": {...}, "body": "..."}');
  }
  return { headers: parsed.headers, body: parsed.body };
}

async function main() {
  const kind = peerKind();
  const app = Fastify({ logger: false });
  if (kind === 'bare') {
    app.get('/', async () => ({ status: 'ok' }));
  } else if (kind === 'answer') {
    const answer = answerFromEnv();
    const headers = Object.freeze({ ...answer.headers });
    app.get('/', (_request, reply) => {
      reply.headers(headers).send(answer.body);
    });
  } else {
    const password = process.env.BENCH_VERIFY_PASSWORD ?? 'Bench-Verify-Peer-Password';
    // Loaded only here: the other peers stay bare (no argon2 module in their memory).
    const { createPasswordHasher } = await import('../src/passwords/hashing.js');
    const hasher = await createPasswordHasher();
    const hashed = await hasher.hash(password);
    app.post('/api/v1/auth/login', async (request, reply) => {
      const body = request.body as { password?: unknown } | undefined;
      const given = typeof body?.password === 'string' ? body.password : '';
      if (!(await hasher.verify(hashed, given))) return reply.status(401).send({ status: 'invalid' });
      return { status: 'ok' };
    });
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  process.stdin.on('end', () => void shutdown());
  process.stdin.on('error', () => void shutdown());
  process.stdin.resume();

  process.stdout.write(`${JSON.stringify({ ready: true, port, pid: process.pid, peer: kind })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
