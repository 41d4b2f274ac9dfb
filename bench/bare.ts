/**
 * Benchmark child: the peer baseline — a bare Fastify 5 app, logger off, one GET route answering a
 * small JSON object. Same start/stop protocol as bench/server.ts (one JSON line on stdout).
 */
import Fastify from 'fastify';

async function main() {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ status: 'ok' }));
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

  process.stdout.write(`${JSON.stringify({ ready: true, port, pid: process.pid })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
