/** Endpoints the staff console needs beyond the v1 core: queues, process picture, CRM and stock views. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { consoleCustomerRoutes } from './console/console-customers.ts';
import { consoleDemoRoutes } from './console/console-demo.ts';
import { consoleProcessRoutes } from './console/console-process.ts';
import { consoleReturnRoutes } from './console/console-returns.ts';
import { consoleStockRoutes } from './console/console-stock.ts';

export function consoleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    for (const routes of [consoleReturnRoutes, consoleProcessRoutes, consoleCustomerRoutes, consoleStockRoutes, consoleDemoRoutes]) {
      await app.register(routes(ctx));
    }
  };
}
