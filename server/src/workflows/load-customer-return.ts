/**
 * Loads what a customer sees of a return: the return, its order, the policy it was
 * decided under, the warehouse it goes back to, photos, feedback, and a signed link to
 * this page that works without signing in.
 */
import type { AppContext } from '../context.ts';
import type { Scope } from '../lib/scope.ts';
import { findFeedbackForReturn } from '../modules/feedback/feedback.repository.ts';
import { findReturnsWarehouse } from '../modules/inventory/locations.repository.ts';
import { findOrder } from '../modules/orders/orders.repository.ts';
import { listReturnPhotos } from '../modules/photos/photos.repository.ts';
import type { CustomerReturnView } from '../modules/portal/portal.schema.ts';
import { presentCustomerReturn } from '../modules/portal/present-customer-return.ts';
import { issueProgressLink, progressPageUrl } from '../modules/portal/progress-links.ts';
import { loadReturnView } from '../modules/returns/present-return.ts';
import { policyOfReturn } from './steps/change-return.ts';

export type LoadCustomerReturnOptions = {
  returnId: string;
  scope: Scope;
  /** The link the page was opened with; a fresh one is signed when absent. */
  link?: { token: string; expiresAt: string };
};

/** The customer's view of a return visible in the scope, or undefined. */
export async function loadCustomerReturn(ctx: AppContext, o: LoadCustomerReturnOptions): Promise<CustomerReturnView | undefined> {
  const view = await loadReturnView(ctx.db, o.returnId, o.scope);
  if (!view) return undefined;
  const now = ctx.clock.now();
  const [order, policy, warehouse, photos, feedback, link] = await Promise.all([
    findOrder(ctx.db, view.orderId, { kind: 'all' }),
    policyOfReturn(ctx.db, { policyVersion: view.policyVersion }),
    findReturnsWarehouse(ctx.db),
    listReturnPhotos(ctx.db, view.id),
    findFeedbackForReturn(ctx.db, view.id),
    o.link ? Promise.resolve(o.link) : issueProgressLink(ctx.db, view.id, now),
  ]);
  const photoCounts = new Map<string, number>();
  for (const photo of photos) if (photo.returnLineId) photoCounts.set(photo.returnLineId, (photoCounts.get(photo.returnLineId) ?? 0) + 1);
  return presentCustomerReturn({
    view,
    orderNumber: order?.number ?? '',
    orderLines: new Map((order?.lines ?? []).map((l) => [l.id, { paidAmount: l.paidAmount, quantity: l.quantity }])),
    policy,
    warehouse,
    photoCounts,
    feedback,
    link: { token: link.token, expiresAt: link.expiresAt, url: progressPageUrl(ctx.config.publicUrl, link.token) },
  });
}
