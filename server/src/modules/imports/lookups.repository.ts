/** Bulk look-ups an import needs: what already exists, by the keys the file uses. */
import type { Db } from '../../db/connect.ts';

const chunk = <T>(items: readonly T[], size = 500): T[][] => {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
};

/** Product ids by SKU, for the SKUs that exist. */
export async function productIdsBySku(db: Db, skus: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of chunk([...new Set(skus)])) {
    for (const row of await db.selectFrom('products').select(['id', 'sku']).where('sku', 'in', part).execute()) found.set(row.sku, row.id);
  }
  return found;
}

/** Customer ids by phone and by (lower-case) email. */
export async function customersByContact(
  db: Db,
  phones: readonly string[],
  emails: readonly string[],
): Promise<{ byPhone: Map<string, string>; byEmail: Map<string, string> }> {
  const byPhone = new Map<string, string>();
  const byEmail = new Map<string, string>();
  for (const part of chunk([...new Set(phones)])) {
    for (const row of await db.selectFrom('customers').select(['id', 'phone']).where('phone', 'in', part).orderBy('id').execute()) {
      if (row.phone && !byPhone.has(row.phone)) byPhone.set(row.phone, row.id);
    }
  }
  for (const part of chunk([...new Set(emails)])) {
    for (const row of await db.selectFrom('customers').select(['id', 'email']).where('email', 'in', part).orderBy('id').execute()) {
      if (row.email && !byEmail.has(row.email)) byEmail.set(row.email, row.id);
    }
  }
  return { byPhone, byEmail };
}

/** Which of these order numbers are taken. */
export async function existingOrderNumbers(db: Db, numbers: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunk([...new Set(numbers)])) {
    for (const row of await db.selectFrom('orders').select('number').where('number', 'in', part).execute()) found.add(row.number);
  }
  return found;
}

/** Order ids by number. */
export async function orderIdsByNumber(db: Db, numbers: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of chunk([...new Set(numbers)])) {
    for (const row of await db.selectFrom('orders').select(['id', 'number']).where('number', 'in', part).execute()) found.set(row.number, row.id);
  }
  return found;
}

export type ImportedDocument = { documentNumber: string; entityId: string | null };

/** Documents of a kind already imported, by number. */
export async function importedDocuments(db: Db, kind: string, numbers: readonly string[]): Promise<Map<string, ImportedDocument>> {
  const found = new Map<string, ImportedDocument>();
  for (const part of chunk([...new Set(numbers)])) {
    const rows = await db
      .selectFrom('importDocuments')
      .select(['documentNumber', 'entityId'])
      .where('kind', '=', kind)
      .where('documentNumber', 'in', part)
      .execute();
    for (const row of rows) found.set(row.documentNumber, row);
  }
  return found;
}

/** Records that a document was imported (false when it already was). */
export async function recordImportedDocument(
  db: Db,
  o: { kind: string; documentNumber: string; entityId: string | null; batchId: string; now: Date },
): Promise<boolean> {
  const result = await db
    .insertInto('importDocuments')
    .values({ kind: o.kind, documentNumber: o.documentNumber, entityId: o.entityId, batchId: o.batchId, createdAt: o.now.toISOString() })
    .onConflict((oc) => oc.columns(['kind', 'documentNumber']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Links an imported document to what it created. */
export async function linkImportedDocument(db: Db, kind: string, documentNumber: string, entityId: string): Promise<void> {
  await db.updateTable('importDocuments').set({ entityId }).where('kind', '=', kind).where('documentNumber', '=', documentNumber).execute();
}

/** Forgets a reserved document whose import failed, so that importing it again tries again. */
export async function forgetImportedDocument(db: Db, kind: string, documentNumber: string): Promise<void> {
  await db.deleteFrom('importDocuments').where('kind', '=', kind).where('documentNumber', '=', documentNumber).where('entityId', 'is', null).execute();
}

/** A return of an order whose line notes carry a marker (an import that died before linking its document). */
export async function findReturnByNoteMarker(db: Db, orderId: string, marker: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('returnLines as l')
    .innerJoin('returns as r', 'r.id', 'l.returnId')
    .select('r.id')
    .where('r.orderId', '=', orderId)
    .where('l.note', 'like', `%${marker}%`)
    .executeTakeFirst();
  return row?.id;
}
