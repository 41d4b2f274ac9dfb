/**
 * The request-duration histogram, kept by hand. prom-client's Histogram re-validates and re-hashes
 * its labels on every observation, even through a bound child; for a metric recorded on every request
 * that was a noticeable part of the cheapest answers. Here each label set is bound once to its own
 * counters, an observation is a bucket search and three additions, and the registry reads the same
 * exposition prom-client would print (`_bucket` with `le`, `_sum`, `_count`).
 */
import type { Metric, Registry } from 'prom-client';

type Labels = Record<string, string>;

interface Series {
  labels: Labels;
  /** Non-cumulative counts per bucket; the last one is +Inf. */
  counts: number[];
  sum: number;
  count: number;
}

export class DurationHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly #series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
    readonly buckets: readonly number[],
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Metric);
  }

  /** A recorder for one label set (create it once, call it per observation, in seconds). */
  series(labels: Labels): (seconds: number) => void {
    const key = this.labelNames.map((name) => labels[name] ?? '').join('\u0000');
    let series = this.#series.get(key);
    if (!series) {
      const own: Labels = {};
      for (const name of this.labelNames) own[name] = labels[name] ?? '';
      series = { labels: own, counts: new Array(this.buckets.length + 1).fill(0), sum: 0, count: 0 };
      this.#series.set(key, series);
    }
    const target = series;
    const bounds = this.buckets;
    return (seconds) => {
      if (!Number.isFinite(seconds)) return;
      let i = 0;
      while (i < bounds.length && seconds > (bounds[i] as number)) i++;
      (target.counts[i] as number)++;
      target.sum += seconds;
      target.count++;
    };
  }

  /** What prom-client's registry formats (the same shape its own histograms give). */
  async get() {
    const values: Array<{ labels: Record<string, string | number>; value: number; metricName: string }> = [];
    for (const s of this.#series.values()) {
      let cumulative = 0;
      this.buckets.forEach((bound, i) => {
        cumulative += s.counts[i] as number;
        values.push({
          labels: { ...s.labels, le: bound },
          value: cumulative,
          metricName: `${this.name}_bucket`,
        });
      });
      values.push({ labels: { ...s.labels, le: '+Inf' }, value: s.count, metricName: `${this.name}_bucket` });
      values.push({ labels: s.labels, value: s.sum, metricName: `${this.name}_sum` });
      values.push({ labels: s.labels, value: s.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  reset() {
    for (const s of this.#series.values()) {
      s.counts.fill(0);
      s.sum = 0;
      s.count = 0;
    }
  }
}
