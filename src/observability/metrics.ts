/**
 * Prometheus metrics. A registry per app instance (no global default registry), so tests and several
 * apps in one process never share counters.
 */
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { DurationHistogram } from './durations.js';

export interface Metrics {
  registry: Registry;
  httpDuration: DurationHistogram;
  signIns: Counter<'outcome'>;
  lockouts: Counter;
  mailDeliveries: Counter<'result'>;
  outboxBacklog: Gauge<'status'>;
  /** Answers given by a fast lane (http/fast-lanes.ts), by lane; counted as plain numbers. */
  laneAnswers: Map<string, { count: number }>;
}

export function createMetrics(args: {
  collectDefaults?: boolean;
  outboxCounts: () => Promise<{ pending: number; failed: number }>;
}): Metrics {
  const registry = new Registry();
  const laneAnswers = new Map<string, { count: number }>();
  // Read at scrape time: the lanes count in plain numbers (an increment per answer costs nothing).
  new Counter({
    name: 'portier_fast_lane_answers_total',
    help: 'Answers served from memory before the web framework (GET /api/v1/session), by lane',
    labelNames: ['lane'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [lane, counter] of laneAnswers) this.inc({ lane }, counter.count);
    },
  });
  if (args.collectDefaults) collectDefaultMetrics({ register: registry, prefix: 'portier_' });
  return {
    registry,
    httpDuration: new DurationHistogram(
      'portier_http_request_duration_seconds',
      'HTTP request duration by route',
      ['method', 'route', 'status'],
      [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registry,
    ),
    signIns: new Counter({
      name: 'portier_sign_in_total',
      help: 'Sign-in attempts by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    lockouts: new Counter({
      name: 'portier_lockouts_total',
      help: 'Accounts disabled after too many consecutive wrong passwords',
      registers: [registry],
    }),
    mailDeliveries: new Counter({
      name: 'portier_mail_delivery_total',
      help: 'Outbox delivery attempts by result (sent, retry, failed)',
      labelNames: ['result'],
      registers: [registry],
    }),
    laneAnswers,
    outboxBacklog: new Gauge({
      name: 'portier_outbox_messages',
      help: 'Outbox messages waiting (pending) or given up (failed)',
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        const counts = await args.outboxCounts();
        this.set({ status: 'pending' }, counts.pending);
        this.set({ status: 'failed' }, counts.failed);
      },
    }),
  };
}

/** The counter of one fast lane's answers (`portier_fast_lane_answers_total{lane}`). */
export function laneCounter(metrics: Metrics, lane: string): { count: number } {
  let counter = metrics.laneAnswers.get(lane);
  if (!counter) {
    counter = { count: 0 };
    metrics.laneAnswers.set(lane, counter);
  }
  return counter;
}
