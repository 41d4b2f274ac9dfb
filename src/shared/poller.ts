/**
 * Runs `drain` now and then: every `pollMs`, or soon after `kick()` (a commit that queued work).
 * One round at a time per process; `drain()` from tests waits for a running round first.
 * `stop()` asks the running drain to end after the item in hand (`drain` reads `stopping()` between
 * items and gives back what it claimed but did not start), so a shutdown does not wait for a backlog.
 */
import type { Logger } from 'pino';

export interface Poller {
  start(): void;
  stop(): Promise<void>;
  kick(): void;
  drain(): Promise<number>;
}

export function createPoller(args: {
  drain: (stopping: () => boolean) => Promise<number>;
  pollMs: number;
  log: Logger;
  what: string;
  /** Called when stop() is asked for, before waiting for the round under way. */
  onStop?: () => Promise<void>;
}): Poller {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;
  const stopping = () => stopped;

  function runSoon(delay: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (!running) {
        running = args.drain(stopping).catch((error) => {
          args.log.error({ err: error }, `${args.what} round failed`);
          return 0;
        });
        await running;
        running = undefined;
      }
      runSoon(args.pollMs);
    }, delay);
    timer.unref();
  }

  return {
    start() {
      stopped = false;
      runSoon(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await args.onStop?.().catch((error) => args.log.warn({ err: error }, `${args.what}: stopping failed`));
      await running;
    },
    kick() {
      runSoon(0);
    },
    async drain() {
      while (running) await running;
      return args.drain(() => false);
    },
  };
}
