/**
 * Background jobs (work that must not happen inside a request, such as answering a reset request in
 * constant time). Same lease discipline as the outbox: claimed, run, completed by the claimer only.
 * A job's writes and its completion are one transaction, which commits only while the lease is still
 * this worker's: a job that dies half-way, or whose lease another worker took over, leaves nothing
 * behind, and a job is never done twice (a second reset e-mail voided the link of the first).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Store } from '../db/database.js';
import type { Database } from '../db/types.js';
import type { Clock } from '../shared/clock.js';
import { createPoller } from '../shared/poller.js';
import { claimDueJobs, completeJob, failJob, releaseJobLeases } from './jobs.queries.js';

/** Does a job's work, writing only through `trx` (the transaction that also completes the job). */
export type JobHandler = (payload: unknown, trx: Kysely<Database>) => Promise<void>;

class LeaseLost extends Error {
  override message = 'the job lease was lost before it completed (another worker runs it)';
}

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
  /** After a job committed (its e-mails can go now). */
  onCompleted?: () => void;
}): JobWorker {
  const workerId = randomUUID();
  const handlers = new Map<string, JobHandler>();

  async function drain(stopping: () => boolean): Promise<number> {
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
      for (const [index, job] of batch.entries()) {
        if (stopping()) {
          await releaseJobLeases(
            deps.store.db,
            batch.slice(index).map((j) => j.id),
            workerId,
          );
          return done;
        }
        try {
          const handler = handlers.get(job.type);
          if (!handler) throw new Error(`no handler for job type ${job.type}`);
          await deps.store.db.transaction().execute(async (trx) => {
            await handler(JSON.parse(job.payload), trx);
            if (!(await completeJob(trx, job.id, workerId))) throw new LeaseLost();
          });
          done++;
          progressed = true;
          deps.onCompleted?.();
        } catch (error) {
          if (error instanceof LeaseLost) {
            deps.log.warn({ jobId: job.id, type: job.type }, error.message);
            continue;
          }
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
      if (!progressed || stopping()) return done;
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
