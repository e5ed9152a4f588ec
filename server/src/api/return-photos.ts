/**
 * Photos of returns: uploaded from the phone's camera (multipart; at most 8 MB; JPEG,
 * PNG, WebP or HEIC as their bytes say, whatever the name), attached to a return, and
 * served only to the customer who owns them and to staff.
 */
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { actorOf, requireStaff, requireStaffOrCustomer, scopeOf } from '../http/principal.ts';
import { AppError, invalidField, notFound } from '../lib/app-error.ts';
import { newId } from '../lib/ids.ts';
import { findCustomerById } from '../modules/customers/customers.repository.ts';
import { extensionOf, sniffPhotoType } from '../modules/photos/image-type.ts';
import { countPhotosSince, findPhoto, insertPhoto, listReturnPhotos, type Photo } from '../modules/photos/photos.repository.ts';
import { AttachPhotosBody, PhotoView } from '../modules/portal/portal.schema.ts';
import type { PortalServices } from '../modules/portal/portal-services.ts';
import { findReturnRow } from '../modules/returns/returns.repository.ts';
import { attachReturnPhotos } from '../workflows/attach-return-photos.ts';
import { ErrorBody, errorResponses, IdParams } from './common.ts';

export const maxPhotoBytes = 8 * 1024 * 1024;
const maxUploadsPerHour = 60;

const present = (photo: Photo): PhotoView => ({
  id: photo.id,
  returnId: photo.returnId,
  returnLineId: photo.returnLineId,
  contentType: photo.contentType,
  sizeBytes: photo.sizeBytes,
  createdAt: photo.createdAt,
  url: `/api/v1/photos/${photo.id}`,
});

export function returnPhotoRoutes(ctx: AppContext, services: () => PortalServices): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/photos',
      {
        schema: {
          tags: ['photos'],
          summary: 'Upload a photo (multipart field "file"; JPEG, PNG, WebP or HEIC up to 8 MB); staff name the customer with ?customerId=',
          consumes: ['multipart/form-data'],
          querystring: z.object({ customerId: z.string().max(64).optional() }),
          response: { 201: PhotoView, 413: ErrorBody, 429: ErrorBody, ...errorResponses },
        },
      },
      async (request, reply) => {
        const p = requireStaffOrCustomer(request, 'returns:create');
        let customerId: string;
        if (p.kind === 'customer') customerId = p.customerId;
        else {
          requireStaff(request, 'returns:create');
          const named = request.query.customerId;
          if (!named || !(await findCustomerById(ctx.db, named))) throw invalidField('customerId', 'Name the customer the photo belongs to');
          customerId = named;
        }
        if (!request.isMultipart()) throw invalidField('file', 'Send the photo as multipart/form-data in the field "file"');
        const now = ctx.clock.now();
        if ((await countPhotosSince(ctx.db, customerId, new Date(now.getTime() - 3_600_000))) >= maxUploadsPerHour) {
          throw new AppError('rate_limited', 'Too many photos uploaded; try again later');
        }
        const file = await request.file({ limits: { fileSize: maxPhotoBytes, files: 1 } });
        if (!file) throw invalidField('file', 'No file was sent');
        const bytes = await file.toBuffer();
        const type = sniffPhotoType(bytes);
        if (!type) throw invalidField('file', 'Only photos can be uploaded: JPEG, PNG, WebP or HEIC');
        const id = newId('pho');
        const storageKey = `photos/${customerId}/${id}.${extensionOf(type)}`;
        await services().storage.put(storageKey, bytes);
        const photo = {
          id,
          customerId,
          storageKey,
          contentType: type,
          sizeBytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          createdAt: now.toISOString(),
        };
        await insertPhoto(ctx.db, { ...photo, uploadedBy: actorOf(p) });
        return reply.code(201).send(present({ ...photo, returnId: null, returnLineId: null, attachedAt: null }));
      },
    );

    app.get(
      '/photos/:id',
      {
        schema: {
          tags: ['photos'],
          summary: "A photo's bytes, for the customer who owns it and staff",
          params: IdParams,
          response: { 200: z.unknown().describe('the image (JPEG, PNG, WebP or HEIC)'), ...errorResponses },
        },
      },
      async (request, reply) => {
        const p = requireStaffOrCustomer(request, 'returns:read');
        const photo = await findPhoto(ctx.db, request.params.id, scopeOf(p));
        if (!photo) throw notFound('Photo');
        const bytes = await services().storage.get(photo.storageKey);
        if (!bytes) throw notFound('Photo');
        return reply
          .header('content-type', photo.contentType)
          .header('content-disposition', `inline; filename="${photo.id}.${extensionOf(photo.contentType as never)}"`)
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(bytes);
      },
    );

    app.post(
      '/returns/:id/photos',
      {
        schema: {
          tags: ['photos'],
          summary: 'Attach uploaded photos to a return (optionally to one of its lines)',
          params: IdParams,
          body: AttachPhotosBody,
          response: { 200: z.object({ data: z.array(PhotoView) }), ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaffOrCustomer(request, 'returns:create');
        const photos = await attachReturnPhotos(ctx, { returnId: request.params.id, scope: scopeOf(p), ...request.body });
        return { data: photos.map(present) };
      },
    );

    app.get(
      '/returns/:id/photos',
      {
        schema: {
          tags: ['photos'],
          summary: 'The photos of a return',
          params: IdParams,
          response: { 200: z.object({ data: z.array(PhotoView) }), ...errorResponses },
        },
      },
      async (request) => {
        const p = requireStaffOrCustomer(request, 'returns:read');
        const ret = await findReturnRow(ctx.db, request.params.id, scopeOf(p));
        if (!ret) throw notFound('Return');
        return { data: (await listReturnPhotos(ctx.db, ret.id)).map(present) };
      },
    );
  };
}
