/** Builds the Fastify app from its plugins and routes; no logic lives here. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import pino, { type Logger } from 'pino';
import { analyticsRoutes } from './api/analytics.ts';
import { apiKeyRoutes } from './api/api-keys.ts';
import { authRoutes } from './api/auth.ts';
import { benchRoutes } from './api/bench.ts';
import { consoleRoutes } from './api/console.ts';
import { customerRoutes } from './api/customers.ts';
import { exchangeRoutes } from './api/exchanges.ts';
import { exportRoutes } from './api/exports.ts';
import { financeRoutes } from './api/finance.ts';
import { healthRoutes } from './api/health.ts';
import { importRoutes } from './api/imports.ts';
import { inventoryRoutes } from './api/inventory.ts';
import { logisticsRoutes } from './api/logistics.ts';
import { notificationRoutes } from './api/notifications.ts';
import { orderRoutes } from './api/orders.ts';
import { parcelRoutes } from './api/parcels.ts';
import { policyRoutes } from './api/policy.ts';
import { portalRoutes } from './api/portal.ts';
import { portalSelfServiceRoutes } from './api/portal-self-service.ts';
import { processRoutes } from './api/process.ts';
import { productRoutes } from './api/products.ts';
import { refundRoutes } from './api/refunds.ts';
import { reportRoutes } from './api/reports.ts';
import { returnRoutes } from './api/returns.ts';
import { stocktakingRoutes } from './api/stocktaking.ts';
import { storeCreditRoutes } from './api/store-credit.ts';
import { supplierRoutes } from './api/suppliers.ts';
import { transferRoutes } from './api/transfers.ts';
import { userRoutes } from './api/users.ts';
import { warehouseRoutes } from './api/warehouses.ts';
import { webhookRoutes } from './api/webhooks.ts';
import type { AppContext } from './context.ts';
import { registerAuthentication } from './http/authenticate.ts';
import { registerCsrfProtection } from './http/csrf.ts';
import { registerErrorHandling } from './http/error-handler.ts';
import { registerIdempotency } from './http/idempotency.ts';
import { registerRequestBody } from './http/request-body.ts';
import { registerRequestMetrics } from './http/request-metrics.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';

export type BuildAppOptions = {
  ctx: AppContext;
  logger?: Logger;
  webRoot?: string;
  /** Called for every route as it is registered (tests enumerate the route table with it). */
  onRoute?: (route: RouteOptions) => void;
};

/** The whole HTTP application: API, OpenAPI, docs, and the web app's static files. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { ctx } = options;
  const serverOptions = {
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.RETURNFLOW_TRUST_PROXY === '1',
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
  };
  const loggerInstance = (options.logger ?? pino({ level: 'silent' })) as FastifyBaseLogger;
  const app = Fastify({ ...serverOptions, loggerInstance }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  const requestMetrics = registerRequestMetrics(app);

  await app.register(fastifyCookie);
  registerErrorHandling(app);
  registerRequestBody(app);
  registerSecurityHeaders(app);
  registerAuthentication(app, ctx);
  registerCsrfProtection(app);
  registerIdempotency(app, ctx);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'ReturnFlow API (退货通)', version: '1.0.0', description: 'Returns management: orders, returns, stock, refunds, policy.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes(ctx, requestMetrics));
  await app.register(
    async (api) => {
      for (const routes of [
        authRoutes,
        userRoutes,
        portalRoutes,
        portalSelfServiceRoutes,
        productRoutes,
        customerRoutes,
        inventoryRoutes,
        orderRoutes,
        returnRoutes,
        refundRoutes,
        exchangeRoutes,
        storeCreditRoutes,
        financeRoutes,
        policyRoutes,
        processRoutes,
        webhookRoutes,
        notificationRoutes,
        apiKeyRoutes,
        logisticsRoutes,
        importRoutes,
        exportRoutes,
        reportRoutes,
        analyticsRoutes,
        consoleRoutes,
        warehouseRoutes,
        transferRoutes,
        parcelRoutes,
        stocktakingRoutes,
        supplierRoutes,
      ]) {
        await api.register(routes(ctx));
      }
    },
    { prefix: '/api/v1' },
  );
  if (process.env.RETURNFLOW_BENCH === '1') await app.register(benchRoutes(ctx), { prefix: '/api/v1' });

  const webRoot = options.webRoot ?? resolve(import.meta.dirname, '../../web/dist');
  if (existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
    const sendIndex = (_request: unknown, reply: { sendFile: (f: string) => unknown }) => reply.sendFile('index.html');
    // The web app routes on the client: every page path gets index.html.
    app.get('/', sendIndex as never);
    app.get('/portal', sendIndex as never);
    app.get('/portal/*', sendIndex as never);
    app.get('/console', sendIndex as never);
    app.get('/console/*', sendIndex as never);
    app.get('/assets/*', (request, reply) => reply.sendFile(`assets/${(request.params as { '*': string })['*']}`));
  }
  return app;
}
