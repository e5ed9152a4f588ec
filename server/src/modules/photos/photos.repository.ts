/** Photos customers (or staff) attach to returns: the only SQL of the photos module. */
import type { Db } from '../../db/connect.ts';
import type { Actor } from '../../lib/actor.ts';
import type { Scope } from '../../lib/scope.ts';

export type Photo = {
  id: string;
  customerId: string;
  returnId: string | null;
  returnLineId: string | null;
  storageKey: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
  attachedAt: string | null;
};

const columns = [
  'returnPhotos.id',
  'returnPhotos.customerId',
  'returnPhotos.returnId',
  'returnPhotos.returnLineId',
  'returnPhotos.storageKey',
  'returnPhotos.contentType',
  'returnPhotos.sizeBytes',
  'returnPhotos.sha256',
  'returnPhotos.createdAt',
  'returnPhotos.attachedAt',
] as const;

function visible(db: Db, scope: Scope) {
  let query = db.selectFrom('returnPhotos').select(columns);
  if (scope.kind === 'customer') query = query.where('returnPhotos.customerId', '=', scope.customerId);
  if (scope.kind === 'sales') {
    query = query.where('returnPhotos.customerId', 'in', db.selectFrom('customers').select('customers.id').where('customers.salesUserId', '=', scope.userId));
  }
  return query;
}

const toPhoto = (row: Photo): Photo => ({ ...row, sizeBytes: Number(row.sizeBytes) });

export type InsertPhotoOptions = Omit<Photo, 'returnId' | 'returnLineId' | 'attachedAt'> & { uploadedBy: Actor };

/** Records an uploaded photo (not yet attached to a return). */
export async function insertPhoto(db: Db, o: InsertPhotoOptions): Promise<void> {
  const { uploadedBy, ...photo } = o;
  await db
    .insertInto('returnPhotos')
    .values({ ...photo, returnId: null, returnLineId: null, attachedAt: null, uploadedByKind: uploadedBy.kind, uploadedById: uploadedBy.id })
    .execute();
}

/** A photo visible in the scope. */
export async function findPhoto(db: Db, id: string, scope: Scope): Promise<Photo | undefined> {
  const row = await visible(db, scope).where('returnPhotos.id', '=', id).executeTakeFirst();
  return row ? toPhoto(row) : undefined;
}

/** Photos by id visible in the scope. */
export async function findPhotos(db: Db, ids: readonly string[], scope: Scope): Promise<Photo[]> {
  if (ids.length === 0) return [];
  return (
    await visible(db, scope)
      .where('returnPhotos.id', 'in', [...ids])
      .execute()
  ).map(toPhoto);
}

/** The photos of a return, oldest first. */
export async function listReturnPhotos(db: Db, returnId: string): Promise<Photo[]> {
  return (await db.selectFrom('returnPhotos').select(columns).where('returnId', '=', returnId).orderBy('id').execute()).map(toPhoto);
}

/** Photos a customer uploaded since an instant (upload throttling). */
export async function countPhotosSince(db: Db, customerId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('returnPhotos')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customerId', '=', customerId)
    .where('createdAt', '>', since.toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Attaches unattached photos of a customer to a return (and optionally one of its lines); returns how many were attached. */
export async function attachPhotos(
  db: Db,
  o: { ids: readonly string[]; customerId: string; returnId: string; returnLineId: string | null; now: Date },
): Promise<number> {
  if (o.ids.length === 0) return 0;
  const result = await db
    .updateTable('returnPhotos')
    .set({ returnId: o.returnId, returnLineId: o.returnLineId, attachedAt: o.now.toISOString() })
    .where('id', 'in', [...o.ids])
    .where('customerId', '=', o.customerId)
    .where('returnId', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
