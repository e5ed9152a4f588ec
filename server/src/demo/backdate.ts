/**
 * Demo only. Bootstrap wrote the shop's defaults (policy v1, process v1, the warehouse
 * and its locations) at the real "now", but the demo shop's history starts two months
 * earlier; these rows are moved back to the shop's opening day so the policy history
 * and the records read in order. Nothing else is rewritten: everything the demo does
 * goes through the workflows on the demo clock.
 */
import type { Db } from '../db/connect.ts';

/** Moves the bootstrap rows written after the shop's opening back to it. */
export async function backdateShopDefaultsForDemo(db: Db, openedAt: Date): Promise<void> {
  const at = openedAt.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('policyVersions').set({ createdAt: at }).where('version', '=', 1).where('createdAt', '>', at).execute();
    await trx.updateTable('processVersions').set({ createdAt: at }).where('version', '=', 1).where('createdAt', '>', at).execute();
    await trx.updateTable('warehouses').set({ createdAt: at }).where('createdAt', '>', at).execute();
    await trx.updateTable('locations').set({ createdAt: at }).where('createdAt', '>', at).execute();
  });
}
