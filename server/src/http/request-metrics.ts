/**
 * Request counts and latency histograms by method, route pattern and status, counted in
 * this process for GET /metrics (each server is scraped on its own). Requests that match
 * no route count under route="unmatched", so scanners cannot grow the label set.
 */
import type { FastifyInstance } from 'fastify';
import type { MetricFamily, Sample } from '../lib/prometheus-text.ts';

/** Upper bounds (seconds) of the latency buckets. */
export const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

type Series = { method: string; route: string; status: string; count: number; sum: number; buckets: number[] };

export type RequestMetrics = {
  /** Records one answered request. */
  observe(method: string, route: string, status: number, seconds: number): void;
  /** The counter and histogram families. */
  families(): MetricFamily[];
};

/** An empty set of request metrics. */
export function createRequestMetrics(): RequestMetrics {
  const series = new Map<string, Series>();
  return {
    observe(method, route, status, seconds) {
      const key = `${method} ${route} ${status}`;
      let s = series.get(key);
      if (!s) {
        s = { method, route, status: String(status), count: 0, sum: 0, buckets: latencyBuckets.map(() => 0) };
        series.set(key, s);
      }
      s.count += 1;
      s.sum += seconds;
      latencyBuckets.forEach((bound, i) => {
        if (seconds <= bound) s.buckets[i] = (s.buckets[i] ?? 0) + 1;
      });
    },
    families() {
      const all = [...series.values()].sort((a, b) => `${a.route} ${a.method} ${a.status}`.localeCompare(`${b.route} ${b.method} ${b.status}`));
      const counts: Sample[] = [];
      const histogram: Sample[] = [];
      for (const s of all) {
        const labels = { method: s.method, route: s.route, status: s.status };
        counts.push({ labels, value: s.count });
        for (const [i, bound] of latencyBuckets.entries()) {
          histogram.push({ suffix: '_bucket', labels: { ...labels, le: String(bound) }, value: s.buckets[i] ?? 0 });
        }
        histogram.push({ suffix: '_bucket', labels: { ...labels, le: '+Inf' }, value: s.count });
        histogram.push({ suffix: '_sum', labels, value: s.sum });
        histogram.push({ suffix: '_count', labels, value: s.count });
      }
      return [
        {
          name: 'returnflow_http_requests_total',
          help: 'HTTP requests answered by this server, by method, route and status.',
          type: 'counter',
          samples: counts,
        },
        {
          name: 'returnflow_http_request_duration_seconds',
          help: 'Time to answer HTTP requests on this server, by method, route and status.',
          type: 'histogram',
          samples: histogram,
        },
      ];
    },
  };
}

/** Counts every answered request of the app; returns the metrics it fills. */
export function registerRequestMetrics(app: FastifyInstance): RequestMetrics {
  const metrics = createRequestMetrics();
  app.addHook('onResponse', async (request, reply) => {
    metrics.observe(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });
  return metrics;
}
