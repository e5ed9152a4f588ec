/** The dock and the returns zone: parcels without a return (拒收, 无主件), and what waits in the returns zone. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { actorOf, requireStaff } from '../http/principal.ts';
import { invalidField, notFound } from '../lib/app-error.ts';
import { readReturnsZone } from '../modules/inventory/returns-zone.repository.ts';
import { ReturnsZoneQuery, ReturnsZoneView } from '../modules/inventory/returns-zone.schema.ts';
import { findParcel, listParcels } from '../modules/parcels/parcels.repository.ts';
import { ParcelListQuery, ParcelMatchBody, ParcelRegisterBody, ParcelReleaseBody, ParcelView } from '../modules/parcels/parcels.schema.ts';
import { findWarehouse } from '../modules/warehouses/warehouses.repository.ts';
import { matchParcelToOrder, matchParcelToReturn } from '../workflows/match-parcel.ts';
import { registerParcel } from '../workflows/register-parcel.ts';
import { releaseParcel } from '../workflows/release-parcel.ts';
import { errorResponses, IdParams, listOf, page } from './common.ts';

const tags = ['returns zone'];

export function parcelRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/inventory/returns-zone',
      {
        schema: {
          tags,
          summary: "What waits in the returns zone, oldest first: for which return or parcel, since when, overdue after the inspection stage's time limit",
          querystring: ReturnsZoneQuery,
          response: { 200: ReturnsZoneView, ...errorResponses },
        },
      },
      async (request) => {
        requireStaff(request, 'inventory:read');
        const { limit, cursor, warehouse, location, overdue } = request.query;
        let warehouseId: string | undefined;
        if (warehouse) {
          warehouseId = (await findWarehouse(ctx.db, warehouse))?.id;
          if (!warehouseId) throw invalidField('warehouse', `Unknown warehouse ${warehouse}`);
        }
        const zone = await readReturnsZone(ctx.db, { now: ctx.clock.now(), ...(warehouseId ? { warehouseId } : {}), ...(location ? { location } : {}) });
        const entries = overdue === undefined ? zone.entries : zone.entries.filter((e) => e.overdue === overdue);
        const offset = cursor ? Number.parseInt(cursor, 10) || 0 : 0;
        const data = entries.slice(offset, offset + limit);
        return { data, nextCursor: offset + limit < entries.length ? String(offset + limit) : null, summary: zone.summary };
      },
    );

    app.post(
      '/parcels',
      {
        schema: {
          tags,
          summary: 'Register a parcel that came without a return: its contents go into the returns zone at once',
          body: ParcelRegisterBody,
          response: { 201: ParcelView, ...errorResponses },
        },
      },
      async (request, reply) => {
        const p = requireStaff(request, 'returns:receive');
        return reply.code(201).send(await registerParcel(ctx, { body: request.body, actor: actorOf(p) }));
      },
    );

    app.get(
      '/parcels',
      {
        schema: {
          tags,
          summary: 'Parcels at the dock, oldest first (q: tracking number, parcel number or SKU)',
          querystring: ParcelListQuery,
          response: { 200: listOf(ParcelView) },
        },
      },
      async (request) => {
        requireStaff(request, 'inventory:read');
        const { limit, cursor, status, q } = request.query;
        const rows = await listParcels(ctx.db, { limit: limit + 1, ...(cursor ? { cursor } : {}), ...(status ? { status } : {}), ...(q ? { q } : {}) });
        return page(rows, limit, (p) => p.id);
      },
    );

    app.get(
      '/parcels/:id',
      { schema: { tags, summary: 'A parcel by id or number', params: IdParams, response: { 200: ParcelView, ...errorResponses } } },
      async (request) => {
        requireStaff(request, 'inventory:read');
        const parcel = await findParcel(ctx.db, request.params.id);
        if (!parcel) throw notFound('Parcel');
        return parcel;
      },
    );

    app.post(
      '/parcels/:id/match',
      {
        schema: {
          tags,
          summary:
            "Match a parcel to an order (a link only) or to a return (its units count as the return's receipt and move to RETURNS under the return's name)",
          params: IdParams,
          body: ParcelMatchBody,
          response: { 200: ParcelView, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'returns:receive');
        const { orderId, returnId, note } = request.body;
        const base = { parcelId: request.params.id, actor: actorOf(p), note };
        return returnId ? matchParcelToReturn(ctx, { ...base, returnId }) : matchParcelToOrder(ctx, { ...base, orderId: orderId as string });
      },
    );

    app.post(
      '/parcels/:id/release',
      {
        schema: {
          tags,
          summary: "Release a parcel's units without a return: to a location (e.g. MAIN) or out of stock (toLocation null)",
          params: IdParams,
          body: ParcelReleaseBody,
          response: { 200: ParcelView, ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaff(request, 'inventory:write');
        return releaseParcel(ctx, { parcelId: request.params.id, body: request.body, actor: actorOf(p) });
      },
    );
  };
}
