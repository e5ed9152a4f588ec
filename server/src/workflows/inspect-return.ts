/**
 * The warehouse inspects received units: each unit is graded and moved by its
 * disposition out of RETURNS to where the warehouse's disposition mapping sends it (by
 * default restock → MAIN, damaged → DAMAGED, scrap / vendor / refused → out of stock), and
 * accepted for refund unless refused; the grades of accepted units are kept per line,
 * since fees may depend on them.
 */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError } from '../lib/app-error.ts';
import type { Scope } from '../lib/scope.ts';
import { findLocationByCode } from '../modules/inventory/locations.repository.ts';
import { type PostMovementOptions, postMovements } from '../modules/inventory/stock.repository.ts';
import { addAcceptedGrade } from '../modules/refunds/line-grades.repository.ts';
import { goodsComeBack } from '../modules/returns/return-status.ts';
import { insertInspection, updateReturnLine } from '../modules/returns/returns.repository.ts';
import type { InspectBody, ReturnView } from '../modules/returns/returns.schema.ts';
import { type DispositionTarget, dispositionTarget } from '../modules/warehouses/dispositions.repository.ts';
import { quantitiesByLine } from './receive-return.ts';
import { changeReturn } from './steps/change-return.ts';
import { releaseReplacements } from './steps/exchange-stock.ts';

type Disposition = InspectBody['lines'][number]['disposition'];

export type InspectOptions = { returnId: string; scope: Scope; actor: Actor; body: InspectBody };

/** Inspects units of a return; 409 when more than received-and-uninspected units are named. */
export function inspectReturn(ctx: AppContext, o: InspectOptions): Promise<ReturnView> {
  return changeReturn(ctx, { ...o, action: 'inspect' }, async ({ trx, ret, lines, now }) => {
    if (!goodsComeBack(ret)) throw new AppError('invalid_transition', `Return ${ret.number} has no goods to inspect`, { status: ret.status });
    const totals = quantitiesByLine(lines, o.body.lines);
    const over = lines.filter((l) => l.inspectedQuantity + (totals.get(l.id) ?? 0) > l.receivedQuantity);
    if (over.length > 0) {
      throw new AppError(
        'quantity_exceeds_returnable',
        `More units than received and not yet inspected: ${over.map((l) => `${l.sku} ${l.receivedQuantity - l.inspectedQuantity}`).join(', ')}`,
        over.map((l) => ({ lineId: l.id, sku: l.sku, uninspected: l.receivedQuantity - l.inspectedQuantity, inspected: totals.get(l.id) })),
      );
    }
    const returnsZone = await findLocationByCode(trx, 'RETURNS');
    if (!returnsZone) throw new Error('location RETURNS is missing');
    // The returns zone's warehouse decides where each disposition sends units (configurable per warehouse).
    const targets = new Map<Disposition, DispositionTarget>();
    const state = new Map(lines.map((l) => [l.id, { ...l }]));
    const movements: PostMovementOptions[] = [];
    for (const entry of o.body.lines) {
      const line = state.get(entry.lineId);
      if (!line) continue;
      let target = targets.get(entry.disposition);
      if (!target) {
        target = await dispositionTarget(trx, returnsZone.warehouseId, entry.disposition);
        targets.set(entry.disposition, target);
      }
      movements.push({
        productId: line.productId,
        sku: line.sku,
        from: returnsZone,
        to: target.to,
        quantity: entry.quantity,
        type: target.type,
        sourceType: 'return',
        sourceId: ret.id,
        reason: `grade ${entry.grade}`,
        actor: o.actor,
        now,
      });
      await insertInspection(trx, {
        returnId: ret.id,
        returnLineId: line.id,
        quantity: entry.quantity,
        grade: entry.grade,
        disposition: entry.disposition,
        actor: o.actor,
        now,
      });
      // Units received but not yet decided are decided now; units already accepted on
      // receipt (refund on receipt) keep their acceptance whatever the inspection finds.
      const undecided = line.receivedQuantity - line.acceptedQuantity - line.refusedQuantity;
      const decided = Math.min(entry.quantity, Math.max(0, undecided));
      line.inspectedQuantity += entry.quantity;
      if (entry.disposition === 'reject') line.refusedQuantity += decided;
      else {
        line.acceptedQuantity += decided;
        // The grade of each unit accepted here prices its fee (policy.gradeFeePercent).
        await addAcceptedGrade(trx, { returnId: ret.id, returnLineId: line.id, grade: entry.grade, quantity: decided });
      }
    }
    await postMovements(trx, movements);
    for (const line of state.values()) {
      await updateReturnLine(trx, line.id, {
        inspectedQuantity: line.inspectedQuantity,
        acceptedQuantity: line.acceptedQuantity,
        refusedQuantity: line.refusedQuantity,
      });
    }
    // An exchange whose every unit was refused sends nothing: its replacement is let go.
    if (ret.resolution === 'exchange' && [...state.values()].every((l) => l.refusedQuantity === l.quantity)) {
      await releaseReplacements(trx, { returnId: ret.id, now, final: true });
    }
    return { events: ['return.inspected'], data: { lines: o.body.lines } };
  });
}
