/**
 * Return to vendor (退供应商): defective goods waiting in DAMAGED (or a quarantine
 * location) go back to their supplier on one document (RTV-…). The goods leave stock at
 * once as `return_to_vendor` movements naming the document; the credit the supplier owes
 * (quantity × unit credit) is recorded as expected until the supplier's credit comes in.
 */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { AppError, invalidField, notFound } from '../lib/app-error.ts';
import { checkMovementLot } from '../modules/inventory/lot-tracking.ts';
import { postMovements } from '../modules/inventory/stock.repository.ts';
import { findStockProductsBySkus } from '../modules/inventory/stock-products.repository.ts';
import { findSupplier, findVendorReturn, insertVendorReturn, lockVendorReturn, recordVendorCredit } from '../modules/suppliers/suppliers.repository.ts';
import type { VendorCreditBody, VendorReturnCreateBody, VendorReturnView } from '../modules/suppliers/suppliers.schema.ts';
import { findLocationsByCodes } from '../modules/warehouses/warehouses.repository.ts';
import { nextStockDocumentNumber } from './steps/resolve-stock-lines.ts';

/**
 * Sends goods back to a supplier. 400 for an unknown supplier or SKU, a product of
 * another supplier, or a location that is not damaged or quarantine; 409 conflict when
 * the location holds fewer units.
 */
export async function returnToVendor(ctx: AppContext, o: { body: VendorReturnCreateBody; actor: Actor }): Promise<VendorReturnView> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const supplier = await findSupplier(trx, o.body.supplierId);
    if (!supplier) throw invalidField('supplierId', `Unknown supplier ${o.body.supplierId}`);
    const code = o.body.fromLocation ?? 'DAMAGED';
    const from = (await findLocationsByCodes(trx, [code])).get(code);
    if (!from) throw invalidField('fromLocation', `Unknown location ${code}`);
    if (from.kind !== 'damaged' && from.kind !== 'quarantine')
      throw invalidField('fromLocation', `${code} is ${from.kind}; goods go back to vendors from damaged or quarantine locations`);
    const products = await findStockProductsBySkus(
      trx,
      o.body.lines.map((l) => l.sku),
    );
    o.body.lines.forEach((l, i) => {
      const product = products.get(l.sku);
      if (!product) throw invalidField(`lines.${i}.sku`, `Unknown SKU ${l.sku}`);
      if (product.supplierId !== supplier.id) throw invalidField(`lines.${i}.sku`, `${l.sku} is not supplied by ${supplier.code}`);
      checkMovementLot(product, l.lot, l.quantity, `lines.${i}.lot`);
    });
    const number = await nextStockDocumentNumber(trx, 'RTV', now);
    const lines = o.body.lines.map((l) => ({
      productId: products.get(l.sku)!.id,
      sku: l.sku,
      quantity: l.quantity,
      unitCredit: l.unitCredit,
      lot: l.lot ?? null,
    }));
    const vendorReturnId = await insertVendorReturn(trx, {
      number,
      supplierId: supplier.id,
      fromLocationId: from.id,
      currency: o.body.currency,
      carrier: o.body.carrier ?? null,
      trackingNumber: o.body.trackingNumber ?? null,
      note: o.body.note ?? null,
      lines,
      actor: o.actor,
      now,
    });
    await postMovements(
      trx,
      lines.map((l) => ({
        productId: l.productId,
        sku: l.sku,
        from,
        to: null,
        quantity: l.quantity,
        type: 'return_to_vendor' as const,
        sourceType: 'vendor_return',
        sourceId: vendorReturnId,
        reason: `${supplier.code} ${number}`,
        lot: l.lot,
        actor: o.actor,
        now,
      })),
    );
    return vendorReturnId;
  });
  const view = await findVendorReturn(ctx.db, id);
  if (!view) throw notFound('Vendor return');
  return view;
}

/** Records the credit a supplier gave for a vendor return; 409 when it was already recorded. */
export async function recordSupplierCredit(ctx: AppContext, o: { vendorReturnId: string; body: VendorCreditBody }): Promise<VendorReturnView> {
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await lockVendorReturn(trx, o.vendorReturnId);
    if (!row) throw notFound('Vendor return');
    if (row.status === 'credited') throw new AppError('conflict', `The credit of ${row.number} is already recorded`);
    await recordVendorCredit(trx, row.id, { amount: o.body.amount, reference: o.body.reference ?? null, now });
    return row.id;
  });
  const view = await findVendorReturn(ctx.db, id);
  if (!view) throw notFound('Vendor return');
  return view;
}
