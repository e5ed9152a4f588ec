/** The return slip: a PDF to print and an image to save on the phone, each with the QR code of the return number. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { renderReturnSlip } from '../workflows/render-return-slip.ts';
import { errorResponses, IdParams } from './common.ts';
import { returnReadScope } from './portal-access.ts';

const SlipQuery = z.object({ access: z.string().max(200).optional() });

export function returnSlipRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/returns/:id/slip.pdf',
      {
        schema: {
          tags: ['returns'],
          summary: 'The return slip as a PDF (Chinese, embedded font, QR code); signed-in owner or staff, or ?access=<progress link token>',
          params: IdParams,
          querystring: SlipQuery,
          response: { 200: z.unknown().describe('application/pdf'), ...errorResponses },
        },
      },
      async (request, reply) => {
        const scope = await returnReadScope(ctx, request, request.params.id, request.query.access);
        const slip = await renderReturnSlip(ctx, { returnId: request.params.id, scope, format: 'pdf' });
        const name = `退货单-${slip.number}.pdf`;
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="return-slip-${slip.number}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`)
          .send(slip.bytes);
      },
    );

    app.get(
      '/returns/:id/slip.png',
      {
        schema: {
          tags: ['returns'],
          summary: 'The return slip as a PNG image (to long-press and save in WeChat); signed-in owner or staff, or ?access=<progress link token>',
          params: IdParams,
          querystring: SlipQuery,
          response: { 200: z.unknown().describe('image/png'), ...errorResponses },
        },
      },
      async (request, reply) => {
        const scope = await returnReadScope(ctx, request, request.params.id, request.query.access);
        const slip = await renderReturnSlip(ctx, { returnId: request.params.id, scope, format: 'png' });
        return reply.header('content-type', 'image/png').header('content-disposition', `inline; filename="return-slip-${slip.number}.png"`).send(slip.bytes);
      },
    );
  };
}
