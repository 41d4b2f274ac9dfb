/**
 * Background jobs (work that must not happen inside a request, such as answering a reset request in
 * constant time). Same lease discipline as the outbox: claimed, run, completed by the claimer only.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Store } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { createPoller } from '../shared/poller.js';
import { claimDueJobs, completeJob, failJob } from './jobs.queries.js';

export type JobHandler = (payload: unknown) => Promise<void>;

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 5;

export interface JobWorker {
  register(type: string, handler: JobHandler): void;
  start(): void;
  stop(): Promise<void>;
  kick(): void;
  /** Runs every due job now (tests, CLI); returns how many completed. */
  drain(): Promise<number>;
}

export function createJobWorker(deps: {
  store: Store;
  clock: Clock;
  pollMs: number;
  log: Logger;
}): JobWorker {
  const workerId = randomUUID();
  const handlers = new Map<string, JobHandler>();

  async function drain(): Promise<number> {
    let done = 0;
    for (;;) {
      const now = deps.clock.now();
      const batch = await claimDueJobs(deps.store.db, deps.store.dialect, {
        now,
        lockUntil: now + LEASE_MS,
        workerId,
        limit: 20,
      });
      if (batch.length === 0) return done;
      let progressed = false;
      for (const job of batch) {
        try {
          const handler = handlers.get(job.type);
          if (!handler) throw new Error(`no handler for job type ${job.type}`);
          await handler(JSON.parse(job.payload));
          await completeJob(deps.store.db, job.id, workerId);
          done++;
          progressed = true;
        } catch (error) {
          const attempts = job.attempts + 1;
          await failJob(deps.store.db, {
            id: job.id,
            workerId,
            error: (error as Error).message ?? String(error),
            runAt: deps.clock.now() + Math.min(30_000, 1000 * 2 ** attempts),
            giveUp: attempts >= MAX_ATTEMPTS,
          });
          deps.log.warn(
            { jobId: job.id, type: job.type, attempts, err: (error as Error).message },
            'job failed',
          );
        }
      }
      if (!progressed) return done;
    }
  }

  const poller = createPoller({ drain, pollMs: deps.pollMs, log: deps.log, what: 'jobs' });
  return {
    ...poller,
    register(type, handler) {
      handlers.set(type, handler);
    },
  };
}
