/** Attaches uploaded photos to a return (and one of its lines), for its owner or staff. */
import type { AppContext } from '../context.ts';
import { invalidField, notFound } from '../lib/app-error.ts';
import type { Scope } from '../lib/scope.ts';
import { attachPhotos, findPhotos, listReturnPhotos, type Photo } from '../modules/photos/photos.repository.ts';
import { maxPhotosPerLine } from '../modules/portal/portal.schema.ts';
import { findReturnLines, findReturnRow } from '../modules/returns/returns.repository.ts';

export type AttachReturnPhotosOptions = { returnId: string; scope: Scope; photoIds: readonly string[]; returnLineId?: string | undefined };

/** Attaches the photos; 404 for a return the caller cannot see, 400 for photos that are not the customer's unused ones. */
export async function attachReturnPhotos(ctx: AppContext, o: AttachReturnPhotosOptions): Promise<Photo[]> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const ret = await findReturnRow(trx, o.returnId, o.scope);
    if (!ret) throw notFound('Return');
    if (o.returnLineId) {
      const lines = await findReturnLines(trx, ret.id);
      if (!lines.some((l) => l.id === o.returnLineId)) throw invalidField('returnLineId', `Return ${ret.number} has no line ${o.returnLineId}`);
    }
    const photos = await findPhotos(trx, o.photoIds, { kind: 'customer', customerId: ret.customerId });
    const usable = new Set(photos.filter((p) => p.returnId === null).map((p) => p.id));
    o.photoIds.forEach((id, i) => {
      if (!usable.has(id)) throw invalidField(`photoIds.${i}`, `Photo ${id} is not an unused photo of this customer`);
    });
    const existing = await listReturnPhotos(trx, ret.id);
    const onLine = existing.filter((p) => p.returnLineId === (o.returnLineId ?? null)).length;
    if (onLine + o.photoIds.length > maxPhotosPerLine * (o.returnLineId ? 1 : 4)) throw invalidField('photoIds', 'Too many photos');
    await attachPhotos(trx, { ids: o.photoIds, customerId: ret.customerId, returnId: ret.id, returnLineId: o.returnLineId ?? null, now });
    return listReturnPhotos(trx, ret.id);
  });
}
