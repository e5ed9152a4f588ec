/**
 * The invariants that must hold whatever happened to the servers (crashes, two servers at
 * once), read straight from the database: stock levels are the ledger's sums, no order
 * line is refunded above what it cost, no line is returned or received twice over.
 */
import { connectDatabase, type Db } from '../../src/db/connect.ts';
import { ledgerBalances } from '../../src/modules/inventory/stock.repository.ts';

/** Opens the database of a spawned server (SQLite in WAL mode reads beside a live writer). */
export function openDatabase(url: string): Db {
  return connectDatabase({ url, poolSize: 2 });
}

/** Problems found; empty when every invariant holds. */
export async function invariantViolations(db: Db): Promise<string[]> {
  const problems: string[] = [];

  const stored = await db.selectFrom('stockLevels').select(['productId', 'locationId', 'onHand']).execute();
  const ledger = await ledgerBalances(db);
  const levels = new Map(stored.map((r) => [`${r.productId}|${r.locationId}`, Number(r.onHand)]));
  for (const key of new Set([...levels.keys(), ...ledger.keys()])) {
    if ((levels.get(key) ?? 0) !== (ledger.get(key) ?? 0)) problems.push(`stock ${key}: level ${levels.get(key) ?? 0}, ledger ${ledger.get(key) ?? 0}`);
  }

  const refunded = await db
    .selectFrom('refundLines as rl')
    .innerJoin('refunds as r', 'r.id', 'rl.refundId')
    .innerJoin('returnLines as l', 'l.id', 'rl.returnLineId')
    .innerJoin('orderLines as ol', 'ol.id', 'l.orderLineId')
    .select((eb) => ['ol.id as orderLineId', 'ol.paidAmount', eb.fn.sum<number>('rl.amount').as('refunded')])
    .where('r.status', 'in', ['paid', 'pending_approval'])
    .where('rl.kind', '=', 'goods')
    .groupBy(['ol.id', 'ol.paidAmount'])
    .execute();
  for (const r of refunded) {
    if (Number(r.refunded) > Number(r.paidAmount)) problems.push(`order line ${r.orderLineId}: refunded ${r.refunded} of ${r.paidAmount} paid`);
  }

  const requested = await db
    .selectFrom('returnLines as l')
    .innerJoin('returns as r', 'r.id', 'l.returnId')
    .innerJoin('orderLines as ol', 'ol.id', 'l.orderLineId')
    .select((eb) => ['ol.id as orderLineId', 'ol.quantity', eb.fn.sum<number>('l.quantity').as('requested')])
    .where('r.status', 'not in', ['cancelled', 'rejected'])
    .groupBy(['ol.id', 'ol.quantity'])
    .execute();
  for (const r of requested) {
    if (Number(r.requested) > Number(r.quantity)) problems.push(`order line ${r.orderLineId}: ${r.requested} units in returns of ${r.quantity} delivered`);
  }

  const lines = await db.selectFrom('returnLines').select(['id', 'returnId', 'productId', 'quantity', 'receivedQuantity']).execute();
  const receipts = await db
    .selectFrom('stockMovements')
    .select((eb) => ['sourceId', 'productId', eb.fn.sum<number>('quantity').as('units')])
    .where('type', '=', 'return_receipt')
    .groupBy(['sourceId', 'productId'])
    .execute();
  const receivedByReturn = new Map(receipts.map((r) => [`${r.sourceId}|${r.productId}`, Number(r.units)]));
  const countedByReturn = new Map<string, number>();
  for (const l of lines) {
    if (l.receivedQuantity > l.quantity) problems.push(`return line ${l.id}: received ${l.receivedQuantity} of ${l.quantity}`);
    const key = `${l.returnId}|${l.productId}`;
    countedByReturn.set(key, (countedByReturn.get(key) ?? 0) + l.receivedQuantity);
  }
  for (const [key, units] of receivedByReturn) {
    if (units !== (countedByReturn.get(key) ?? 0)) problems.push(`return ${key}: ${units} units moved in, ${countedByReturn.get(key) ?? 0} counted received`);
  }
  return problems;
}
