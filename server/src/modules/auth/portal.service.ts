/** Customer sign-in to the portal with an order number and the order's email or phone. */
import type { Db } from '../../db/connect.ts';
import { AppError } from '../../lib/app-error.ts';
import { findCustomerById, normalizePhone } from '../customers/customers.repository.ts';
import { findOrderIdByNumber } from '../orders/orders.repository.ts';
import { countRecentFailures, maxFailures, recordFailure } from './rate-limit.repository.ts';
import { createSession } from './sessions.repository.ts';

export const portalSessionTtlMs = 24 * 60 * 60 * 1000;

export type PortalLookupOptions = { orderNumber: string; contact: string; clientKey: string; now: Date };

function contactMatches(customer: { email: string | null; phone: string | null }, contact: string): boolean {
  const value = contact.trim();
  if (value.includes('@')) return customer.email !== null && customer.email === value.toLowerCase();
  const phone = normalizePhone(value);
  return phone.length >= 5 && customer.phone !== null && normalizePhone(customer.phone) === phone;
}

/**
 * Opens a portal session scoped to the order's customer. A wrong pair answers 404 the
 * same way whether or not the order exists, and counts towards the client's rate limit.
 */
export async function openPortalSession(db: Db, o: PortalLookupOptions): Promise<{ token: string; expiresAt: string; orderId: string; customerId: string }> {
  const order = await findOrderIdByNumber(db, o.orderNumber.trim());
  const customer = order ? await findCustomerById(db, order.customerId) : undefined;
  if (!order || !customer || !contactMatches(customer, o.contact)) {
    const bucket = `portal:${o.clientKey}`;
    const previous = await countRecentFailures(db, bucket, o.now);
    await recordFailure(db, bucket, o.now);
    if (previous >= maxFailures) throw new AppError('rate_limited', 'Too many failed lookups; try again in 15 minutes');
    throw new AppError('not_found', 'No order matches this order number and contact');
  }
  const session = await createSession(db, { kind: 'customer', customerId: customer.id, now: o.now, ttlMs: portalSessionTtlMs });
  return { ...session, orderId: order.id, customerId: customer.id };
}
