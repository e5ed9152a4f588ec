/**
 * An exchange before its replacement ships: what it will send (held or not, what it
 * costs against what comes back), changing the replacement (another size or colour, or
 * another product) and how the difference is settled, and — when the replacement is out
 * of stock — falling back to a refund or store credit as the customer chooses.
 */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError, notFound } from '../lib/app-error.ts';
import type { Scope } from '../lib/scope.ts';
import {
  customerTier,
  type ExchangeLine,
  findExchange,
  findExchangeLines,
  productsByIds,
  productsInGroups,
  setReturnResolution,
  updateExchange,
} from '../modules/exchanges/exchanges.repository.ts';
import type { ExchangeFallbackBody, ExchangeUpdateBody, ExchangeView } from '../modules/exchanges/exchanges.schema.ts';
import { availableStock } from '../modules/exchanges/reservations.repository.ts';
import { listLocations } from '../modules/inventory/locations.repository.ts';
import { findLineCounters } from '../modules/orders/orders.repository.ts';
import { getCurrentPolicy } from '../modules/policy/policy.repository.ts';
import { unitsValue } from '../modules/refunds/refund-arithmetic.ts';
import { findReturnLines, findReturnRow, type ReturnLineRow } from '../modules/returns/returns.repository.ts';
import type { ReturnView } from '../modules/returns/returns.schema.ts';
import { shipsBeforeReturn } from './ship-replacement.ts';
import { changeReturn } from './steps/change-return.ts';
import { chooseReplacements, holdReplacements, releaseReplacements } from './steps/exchange-stock.ts';

const closedStatuses = new Set(['closed', 'rejected', 'cancelled']);

/** What the returned units not refused are worth: priced, or provisionally from the order line's counter. */
async function estimateReturnedValue(ctx: AppContext, lines: readonly ReturnLineRow[]): Promise<number> {
  const counters = await findLineCounters(
    ctx.db,
    lines.map((l) => l.orderLineId),
  );
  return lines.reduce((sum, line) => {
    const counter = counters.get(line.orderLineId);
    const units = Math.max(0, line.quantity - line.refusedQuantity - line.valuedQuantity);
    const provisional = counter
      ? unitsValue(counter.paidAmount, counter.quantity, counter.valuedQuantity, Math.min(counter.quantity, counter.valuedQuantity + units))
      : 0;
    return sum + line.valueAmount + provisional;
  }, 0);
}

/** Whether a replacement line cannot be held now. */
function isShort(line: ExchangeLine, available: number | null): boolean {
  if (line.status === 'short') return true;
  if (line.status === 'reserved' || line.status === 'shipped' || line.status === 'released') return false;
  return available !== null && available < line.quantity;
}

/** The exchange of a return the caller may see; 404 when there is none. */
export async function loadExchange(ctx: AppContext, o: { returnId: string; scope: Scope }): Promise<ExchangeView> {
  const ret = await findReturnRow(ctx.db, o.returnId, o.scope);
  if (!ret) throw notFound('Return');
  const exchange = await findExchange(ctx.db, ret.id);
  if (!exchange) throw notFound('Exchange');
  const [lines, returnLines, locations, policy, tier] = await Promise.all([
    findExchangeLines(ctx.db, ret.id),
    findReturnLines(ctx.db, ret.id),
    listLocations(ctx.db),
    getCurrentPolicy(ctx.db),
    customerTier(ctx.db, ret.customerId),
  ]);
  const locationId = exchange.locationId;
  const products = await productsByIds(ctx.db, [...lines.map((l) => l.productId), ...returnLines.map((l) => l.productId)]);
  const free = async (productId: string) => (locationId ? availableStock(ctx.db, productId, locationId) : null);
  const viewLines = await Promise.all(
    lines.map(async (l) => ({
      id: l.id,
      returnLineId: l.returnLineId,
      sku: l.sku,
      name: products.get(l.productId)?.name ?? l.sku,
      variantLabel: products.get(l.productId)?.variantLabel ?? null,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      reservedQuantity: l.reservedQuantity,
      status: l.status,
      available: await free(l.productId),
    })),
  );
  const groups = [...returnLines, ...lines].map((l) => products.get(l.productId)?.groupCode).filter((g): g is string => Boolean(g));
  const alternatives = await Promise.all(
    (await productsInGroups(ctx.db, groups)).map(async (p) => ({
      sku: p.sku,
      name: p.name,
      variantLabel: p.variantLabel,
      price: p.price,
      available: await free(p.id),
    })),
  );
  const returnedValue = exchange.returnedValue ?? (await estimateReturnedValue(ctx, returnLines));
  const replacementValue = exchange.replacementValue ?? lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
  const order = exchange.replacementOrderId
    ? await ctx.db.selectFrom('orders').select(['id', 'number']).where('id', '=', exchange.replacementOrderId).executeTakeFirst()
    : undefined;
  return {
    returnId: ret.id,
    status: exchange.status,
    location: locations.find((l) => l.id === locationId)?.code ?? null,
    lines: viewLines,
    returnedValue,
    replacementValue,
    difference: replacementValue - returnedValue,
    differenceMethod: exchange.differenceMethod,
    chargeMethod: exchange.chargeMethod,
    chargeReference: exchange.chargeReference,
    differenceRefundId: exchange.differenceRefundId,
    replacementOrder: order ?? null,
    carrier: exchange.carrier,
    trackingNumber: exchange.trackingNumber,
    shippedAt: exchange.shippedAt,
    fallbackResolution: exchange.fallbackResolution,
    shipsBeforeReturn: shipsBeforeReturn(policy, tier),
    outOfStock: exchange.status === 'open' && lines.some((l, i) => isShort(l, viewLines[i]?.available ?? null)),
    alternatives,
  };
}

export type UpdateExchangeOptions = { returnId: string; scope: Scope; actor: Actor; body: ExchangeUpdateBody };

/** Changes the replacement or how the difference is settled; an approved exchange holds the new replacement at once (409 when short). */
export function updateExchangeChoice(ctx: AppContext, o: UpdateExchangeOptions): Promise<ReturnView> {
  // Not an action of the status table: any status before the replacement ships (checked here).
  return changeReturn(ctx, { ...o, action: 'approve_refund', timelineAction: 'exchange_updated' }, async ({ trx, ret, now }) => {
    const exchange = await findExchange(trx, ret.id);
    if (ret.resolution !== 'exchange' || !exchange) throw new AppError('invalid_transition', `Return ${ret.number} is not an exchange`, { status: ret.status });
    if (exchange.status !== 'open' || closedStatuses.has(ret.status)) {
      throw new AppError('invalid_transition', `The exchange of ${ret.number} is ${exchange.status === 'open' ? ret.status : exchange.status}`, {
        status: ret.status,
      });
    }
    if (o.body.lines) {
      await releaseReplacements(trx, { returnId: ret.id, now, final: false });
      await chooseReplacements(trx, { returnId: ret.id, orderId: ret.orderId, now, choices: o.body.lines });
      if (ret.approvedAt) await holdReplacements(trx, { returnId: ret.id, orderId: ret.orderId, now, strict: true });
    }
    await updateExchange(
      trx,
      ret.id,
      {
        ...(o.body.differenceMethod ? { differenceMethod: o.body.differenceMethod } : {}),
        ...(o.body.chargeMethod ? { chargeMethod: o.body.chargeMethod } : {}),
        ...(o.body.chargeReference !== undefined ? { chargeReference: o.body.chargeReference } : {}),
      },
      now,
    );
    const chosen = o.body.lines?.map((l) => `${l.sku}×${l.quantity}`).join(', ');
    return { note: chosen ?? null, data: o.body };
  });
}

export type FallbackOptions = { returnId: string; scope: Scope; actor: Actor; body: ExchangeFallbackBody; byCustomer: boolean };

/** Turns an exchange into a refund or store credit (the customer's choice when the replacement is out of stock). */
export function fallBackFromExchange(ctx: AppContext, o: FallbackOptions): Promise<ReturnView> {
  return changeReturn(ctx, { ...o, action: 'approve_refund', timelineAction: 'exchange_fallback' }, async ({ trx, ret, now }) => {
    const exchange = await findExchange(trx, ret.id);
    if (ret.resolution !== 'exchange' || !exchange) throw new AppError('invalid_transition', `Return ${ret.number} is not an exchange`, { status: ret.status });
    if (exchange.status !== 'open' || ret.replacementShippedAt || closedStatuses.has(ret.status) || ret.status === 'resolved') {
      throw new AppError('invalid_transition', `The exchange of ${ret.number} can no longer change (${ret.status})`, { status: ret.status });
    }
    if (o.byCustomer) {
      const lines = await findExchangeLines(trx, ret.id);
      const checks = await Promise.all(
        lines.map(async (l) => isShort(l, exchange.locationId ? await availableStock(trx, l.productId, exchange.locationId) : null)),
      );
      if (!checks.some(Boolean)) throw new AppError('conflict', `The replacement of ${ret.number} is in stock: ask customer service to change it`);
    }
    await releaseReplacements(trx, { returnId: ret.id, now, final: true });
    await updateExchange(trx, ret.id, { status: 'fallen_back', fallbackResolution: o.body.resolution }, now);
    await setReturnResolution(trx, ret.id, o.body.resolution);
    return { note: o.body.resolution, data: o.body };
  });
}
