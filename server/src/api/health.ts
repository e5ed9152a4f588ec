/** Liveness, readiness and Prometheus metrics: what a load balancer and a monitoring system ask. */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { pendingMigrations } from '../db/migrate.ts';
import type { RequestMetrics } from '../http/request-metrics.ts';
import { AppError } from '../lib/app-error.ts';
import { formatPrometheus, type MetricFamily, prometheusContentType } from '../lib/prometheus-text.ts';
import { readOutboxBacklog, readStageQueues } from '../modules/operations/backlog.repository.ts';

const ageSeconds = (from: string | null, now: Date) => (from ? Math.max(0, (now.getTime() - Date.parse(from)) / 1000) : 0);

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The database-wide gauges: outbox backlog and the returns waiting in each stage. */
async function backlogFamilies(ctx: AppContext): Promise<MetricFamily[]> {
  const now = ctx.clock.now();
  const [backlog, stages] = await Promise.all([readOutboxBacklog(ctx.db), readStageQueues(ctx.db, now)]);
  const gauge = (name: string, help: string, value: number): MetricFamily => ({ name, help, type: 'gauge', samples: [{ value }] });
  return [
    gauge('returnflow_outbox_undispatched_events', 'Outbox events committed and not yet fanned out to webhooks.', backlog.undispatchedEvents),
    gauge(
      'returnflow_outbox_oldest_undispatched_age_seconds',
      'Age of the oldest undispatched outbox event (0 when none).',
      ageSeconds(backlog.oldestUndispatchedAt, now),
    ),
    gauge('returnflow_outbox_unnoticed_events', 'Outbox events committed whose notices are not written yet.', backlog.unnoticedEvents),
    gauge(
      'returnflow_outbox_oldest_unnoticed_age_seconds',
      'Age of the oldest outbox event whose notices are not written yet (0 when none).',
      ageSeconds(backlog.oldestUnnoticedAt, now),
    ),
    gauge('returnflow_webhook_deliveries_pending', 'Webhook deliveries waiting for their first attempt or a retry.', backlog.pendingDeliveries),
    gauge(
      'returnflow_webhook_delivery_oldest_pending_age_seconds',
      'Age of the oldest pending webhook delivery (0 when none).',
      ageSeconds(backlog.oldestPendingDeliveryAt, now),
    ),
    gauge('returnflow_webhook_deliveries_failed', 'Webhook deliveries given up after the retry period.', backlog.failedDeliveries),
    {
      name: 'returnflow_stage_queue_returns',
      help: 'Returns waiting in each process stage.',
      type: 'gauge',
      samples: stages.map((s) => ({ labels: { stage: s.stage }, value: s.returns })),
    },
    {
      name: 'returnflow_stage_queue_overdue_returns',
      help: "Returns past their stage's time limit.",
      type: 'gauge',
      samples: stages.map((s) => ({ labels: { stage: s.stage }, value: s.overdue })),
    },
    {
      name: 'returnflow_stage_queue_oldest_age_seconds',
      help: 'How long the oldest return in each stage has been waiting there.',
      type: 'gauge',
      samples: stages.map((s) => ({ labels: { stage: s.stage }, value: ageSeconds(s.oldestEnteredAt, now) })),
    },
  ];
}

function processFamilies(): MetricFamily[] {
  const memory = process.memoryUsage();
  return [
    { name: 'process_resident_memory_bytes', help: 'Resident memory of this server process.', type: 'gauge', samples: [{ value: memory.rss }] },
    { name: 'nodejs_heap_used_bytes', help: 'V8 heap in use.', type: 'gauge', samples: [{ value: memory.heapUsed }] },
    { name: 'nodejs_heap_total_bytes', help: 'V8 heap reserved (in use and free).', type: 'gauge', samples: [{ value: memory.heapTotal }] },
    {
      name: 'nodejs_external_memory_bytes',
      help: 'Memory outside the V8 heap held by JavaScript objects (buffers, native addons).',
      type: 'gauge',
      samples: [{ value: memory.external }],
    },
    { name: 'process_uptime_seconds', help: 'Seconds since this server process started.', type: 'gauge', samples: [{ value: process.uptime() }] },
  ];
}

export function healthRoutes(ctx: AppContext, requestMetrics?: RequestMetrics): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      {
        schema: {
          tags: ['health'],
          summary: 'Liveness: OK once the database answers',
          security: [],
          response: { 200: z.object({ status: z.literal('ok') }), 503: z.object({ status: z.literal('unavailable') }) },
        },
      },
      async (_request, reply) => {
        try {
          await sql`select 1`.execute(ctx.db);
          return { status: 'ok' as const };
        } catch {
          return reply.code(503).send({ status: 'unavailable' as const });
        }
      },
    );

    app.get(
      '/readyz',
      {
        schema: {
          tags: ['health'],
          summary: 'Readiness: the database answers and its schema is current for this server (503 otherwise, and while shutting down)',
          security: [],
          response: {
            200: z.object({ status: z.literal('ready') }),
            503: z.object({ status: z.literal('not_ready'), reason: z.string(), pendingMigrations: z.array(z.string()).optional() }),
          },
        },
      },
      async (_request, reply) => {
        let pending: string[];
        try {
          pending = await pendingMigrations(ctx.db);
        } catch {
          return reply.code(503).send({ status: 'not_ready' as const, reason: 'the database does not answer' });
        }
        if (pending.length > 0) {
          return reply.code(503).send({ status: 'not_ready' as const, reason: 'the database schema is behind this server', pendingMigrations: pending });
        }
        return { status: 'ready' as const };
      },
    );

    app.get(
      '/metrics',
      {
        schema: {
          tags: ['health'],
          summary: 'Prometheus metrics: requests and latencies by route and status (this server), outbox backlog and stage queues (the database)',
          security: ctx.config.metricsToken ? [{ bearer: [] }] : [],
          response: { 200: z.string().describe('Prometheus text format 0.0.4') },
        },
      },
      async (request, reply) => {
        const expected = ctx.config.metricsToken;
        if (expected) {
          const given = /^bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
          if (!sameSecret(given, expected)) throw new AppError('unauthenticated', 'Send Authorization: Bearer <RETURNFLOW_METRICS_TOKEN>');
        }
        const families = [...(requestMetrics?.families() ?? []), ...(await backlogFamilies(ctx)), ...processFamilies()];
        return reply.header('content-type', prometheusContentType).send(formatPrometheus(families));
      },
    );
  };
}
