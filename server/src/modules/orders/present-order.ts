/** An order as the API shows it. */
import type { Order } from './orders.repository.ts';
import type { OrderView } from './orders.schema.ts';

/** The API view of an order; `locationCode` names its stock location. */
export function presentOrder(order: Order, locationCode: string | null): OrderView {
  return {
    id: order.id,
    number: order.number,
    customerId: order.customerId,
    channel: order.channel,
    currency: order.currency,
    placedAt: order.placedAt,
    deliveredAt: order.deliveredAt,
    stockLocation: locationCode,
    discountAmount: order.discountAmount,
    shippingFee: order.shippingFee,
    goodsAmount: order.goodsAmount,
    totalAmount: order.goodsAmount + order.shippingFee,
    lines: order.lines.map((l) => ({
      id: l.id,
      lineNo: l.lineNo,
      sku: l.sku,
      name: l.name,
      category: l.category,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discountAmount: l.discountAmount,
      paidAmount: l.paidAmount,
      returnableQuantity: l.returnableQuantity,
    })),
    payments: order.payments,
    createdAt: order.createdAt,
  };
}
