/**
 * The warehouse receives a parcel: the units go into the returns zone (RETURNS) at once,
 * as ledger movements that name the return (and the lot or serial number read, for
 * products that track them). A return may arrive in several parcels.
 */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError, invalidField } from '../lib/app-error.ts';
import type { Scope } from '../lib/scope.ts';
import { findLocationByCode } from '../modules/inventory/locations.repository.ts';
import { postMovements } from '../modules/inventory/stock.repository.ts';
import { goodsComeBack } from '../modules/returns/return-status.ts';
import { type ReturnLineRow, updateReturnLine } from '../modules/returns/returns.repository.ts';
import type { ReceiveBody, ReturnView } from '../modules/returns/returns.schema.ts';
import { changeReturn } from './steps/change-return.ts';
import { checkReceiptLots, receiptParts } from './steps/receipt-lots.ts';

/** Adds up the quantities a body gives per return line, checking each line belongs to the return. */
export function quantitiesByLine(lines: readonly ReturnLineRow[], entries: readonly { lineId: string; quantity: number }[]): Map<string, number> {
  const known = new Set(lines.map((l) => l.id));
  const totals = new Map<string, number>();
  entries.forEach((e, i) => {
    if (!known.has(e.lineId)) throw invalidField(`lines.${i}.lineId`, `The return has no line ${e.lineId}`);
    totals.set(e.lineId, (totals.get(e.lineId) ?? 0) + e.quantity);
  });
  return totals;
}

export type ReceiveOptions = { returnId: string; scope: Scope; actor: Actor; body: ReceiveBody };

/**
 * Receives units of a return into RETURNS; 409 when more than requested would have arrived,
 * or when the lots read do not match what the order sold (see steps/receipt-lots.ts).
 */
export function receiveReturn(ctx: AppContext, o: ReceiveOptions): Promise<ReturnView> {
  return changeReturn(ctx, { ...o, action: 'receive' }, async ({ trx, ret, lines, now }) => {
    if (!goodsComeBack(ret)) throw new AppError('invalid_transition', `Return ${ret.number} has no goods to receive`, { status: ret.status });
    const totals = quantitiesByLine(lines, o.body.lines);
    const over = lines.filter((l) => l.receivedQuantity + (totals.get(l.id) ?? 0) > l.quantity);
    if (over.length > 0) {
      throw new AppError(
        'quantity_exceeds_returnable',
        `More units than are still due: ${over.map((l) => `${l.sku} ${l.quantity - l.receivedQuantity}`).join(', ')}`,
        over.map((l) => ({ lineId: l.id, sku: l.sku, due: l.quantity - l.receivedQuantity, received: totals.get(l.id) })),
      );
    }
    await checkReceiptLots(trx, { orderId: ret.orderId, lines, entries: o.body.lines });
    const returnsZone = await findLocationByCode(trx, 'RETURNS');
    if (!returnsZone) throw new Error('location RETURNS is missing');
    const arriving = lines.flatMap((line) => {
      const quantity = totals.get(line.id);
      return quantity ? [{ line, quantity }] : [];
    });
    // One ledger line per return line and lot, in the return's line order.
    const parts = receiptParts(o.body.lines);
    await postMovements(
      trx,
      lines.flatMap((line) =>
        parts
          .filter((part) => part.lineId === line.id)
          .map(({ lot, quantity }) => ({
            productId: line.productId,
            sku: line.sku,
            from: null,
            to: returnsZone,
            quantity,
            type: 'return_receipt' as const,
            sourceType: 'return',
            sourceId: ret.id,
            lot,
            actor: o.actor,
            now,
          })),
      ),
    );
    for (const { line, quantity } of arriving) {
      await updateReturnLine(trx, line.id, {
        receivedQuantity: line.receivedQuantity + quantity,
        // Refund on receipt: the units are accepted for refund now; inspection still follows.
        ...(ret.refundOnReceipt ? { acceptedQuantity: line.acceptedQuantity + quantity } : {}),
      });
    }
    return { events: ['return.received'], data: { lines: [...totals].map(([lineId, quantity]) => ({ lineId, quantity })) } };
  });
}
