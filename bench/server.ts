/**
 * Benchmark child: the real Portier app on a throw-away SQLite store, started the way src/main.ts
 * starts it (process metrics on, outbox, jobs and expiry scheduler running).
 *
 * Two modes, both on the folder named by BENCH_DATA_DIR (a temporary one when unset):
 * - BENCH_MODE=seed: migrates, creates BENCH_USERS accounts with known passwords, prints
 *   { seeded, users, ... } and exits. A process of its own, so the serving process starts the way a
 *   restarted production node does (no password-strength worker, no argon2 hashing arenas yet).
 * - otherwise: migrates, adds one benchmark-only route (the pipeline floor, below), listens on
 *   127.0.0.1:0 and prints { ready, port, pid, origin, pipelineFloorPath }. Then, on
 *   stdin, `reset` restarts the event-loop delay histogram, `stats` prints { stats, loop*, memory }
 *   and `gc` runs a full garbage collection (when started with --expose-gc).
 *   Exits on SIGTERM/SIGINT or when its stdin closes (the parent is gone).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { startExpiryScheduler } from '../src/passwords/expiry.scheduler.js';
import { createSessionGuard } from '../src/sessions/sessions.routes.js';

/** The origin the CSRF guard expects; requests must send it as `Origin`. */
const PUBLIC_URL = 'http://localhost:3000';
/** The benchmark-only route measured as the floor of the session check (see below). */
const PIPELINE_FLOOR_PATH = '/api/v1/bench/pipeline-floor';
const PIPELINE_FLOOR_BODY = '{"status":"ok"}';
const MODE = process.env.BENCH_MODE === 'seed' ? 'seed' : 'serve';
const USERS = Math.max(1, Number(process.env.BENCH_USERS ?? 24));
const SEED_CONCURRENCY = Math.max(1, Number(process.env.BENCH_SEED_CONCURRENCY ?? availableParallelism()));

const round = (value: number) => Math.round(value * 10) / 10;
const rssMb = () => round(process.memoryUsage().rss / 1048576);
const reply = (message: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(message)}\n`);

// Event-loop delay of the app's main thread (is JavaScript ever blocked?). The histogram holds the
// whole interval between two 10 ms ticks: the delay is what exceeds those 10 ms.
const LOOP_RESOLUTION_MS = 10;
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
loopDelay.enable();
const lateMs = (ns: number) => round(Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS));

/** High-entropy passwords, so the strength policy accepts them; the parent gets them back. */
function benchPassword(i: number) {
  return `Pw-${randomBytes(15).toString('base64url')}-${i}`;
}

async function main() {
  const startedAt = performance.now();
  const ownDir = !process.env.BENCH_DATA_DIR;
  const dataDir = process.env.BENCH_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'portier-bench-'));
  // An empty environment: nothing from the caller's PORTIER_* variables leaks into the run.
  const config = loadConfig(
    {},
    {
      dataDir,
      logLevel: 'silent',
      demoData: false,
      loginIpLimit: 1_000_000,
      publicUrl: PUBLIC_URL,
      host: '127.0.0.1',
      port: 0,
    },
  );
  const c = await createContainer(config, { processMetrics: true });
  await migrateToLatest(c.store);

  if (MODE === 'seed') {
    // Accounts, hashed a few at a time (argon2id at 19 MiB each: bounded memory and CPU).
    const rssBeforeSeedMb = rssMb();
    const seedStart = performance.now();
    const users: Array<{ email: string; password: string }> = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(SEED_CONCURRENCY, USERS) }, async () => {
        while (next < USERS) {
          const i = next++;
          const email = `bench${i}@hotel.example`;
          const password = benchPassword(i);
          await c.users.createUser({ email, name: `Bench User ${i}`, password });
          users.push({ email, password });
        }
      }),
    );
    const seedMs = Math.round(performance.now() - seedStart);
    const rssAfterSeedMb = rssMb();
    await c.close();
    reply({ seeded: true, users, seedMs, rssBeforeSeedMb, rssAfterSeedMb });
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }

  const app = await buildApp(c);
  // The floor of any session answer, for the benchmark only: a signed-in API request through the app's
  // whole pipeline (security headers, request id, CSRF guard, cookie, exact session check, logs,
  // metrics) answered with a constant, so what GET /api/v1/session costs beyond it is its own work.
  app.get(
    PIPELINE_FLOOR_PATH,
    { schema: { hide: true }, preHandler: createSessionGuard({ sessions: c.sessions, cookie: c.cookie }) },
    (_request, reply) => {
      reply.type('application/json; charset=utf-8').send(PIPELINE_FLOOR_BODY);
    },
  );
  await app.listen({ port: config.port, host: config.host });
  c.outbox.start();
  c.jobs.start();
  const scheduler = startExpiryScheduler(c);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    try {
      scheduler.stop();
      await app.close();
      await c.close();
    } finally {
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  process.stdin.on('error', () => void shutdown());
  const commands = createInterface({ input: process.stdin });
  commands.on('close', () => void shutdown());
  commands.on('line', (command) => {
    if (command === 'reset') {
      loopDelay.reset();
      reply({ reset: true });
    } else if (command === 'gc') {
      // Only when started with --expose-gc: a full collection, to see the floor under the idle RSS.
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      reply({ gc: Boolean(gc) });
    } else if (command === 'stats') {
      const memory = process.memoryUsage();
      reply({
        stats: true,
        loopDelayP50Ms: lateMs(loopDelay.percentile(50)),
        loopDelayP99Ms: lateMs(loopDelay.percentile(99)),
        loopDelayMaxMs: lateMs(loopDelay.max),
        rssMb: round(memory.rss / 1048576),
        heapUsedMb: round(memory.heapUsed / 1048576),
        heapTotalMb: round(memory.heapTotal / 1048576),
        externalMb: round(memory.external / 1048576),
      });
    }
  });

  reply({
    ready: true,
    port,
    pid: process.pid,
    origin: config.publicOrigin,
    pipelineFloorPath: PIPELINE_FLOOR_PATH,
    startMs: Math.round(performance.now() - startedAt),
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
