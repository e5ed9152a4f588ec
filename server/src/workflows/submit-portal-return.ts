/**
 * A customer files a return from the portal: the reasons' demands (a photo, a comment)
 * are checked against the policy, the photos must be the customer's own and unused,
 * then the return is created as through POST /returns and the photos attached to it.
 */
import type { AppContext } from '../context.ts';
import type { Actor } from '../lib/actor.ts';
import { invalidField } from '../lib/app-error.ts';
import type { Scope } from '../lib/scope.ts';
import { findOrder } from '../modules/orders/orders.repository.ts';
import { findPhotos } from '../modules/photos/photos.repository.ts';
import { findReason } from '../modules/policy/evaluate.ts';
import { getCurrentPolicy } from '../modules/policy/policy.repository.ts';
import type { PortalReturnBody } from '../modules/portal/portal.schema.ts';
import type { ReturnView } from '../modules/returns/returns.schema.ts';
import { attachReturnPhotos } from './attach-return-photos.ts';
import { createReturn } from './create-return.ts';
import { checkCustomerReplacements } from './load-exchange-options.ts';

export type SubmitPortalReturnOptions = { body: PortalReturnBody; scope: Scope; actor: Actor; channel: string };

/** Checks the photos and comments the policy asks for, creates the return, attaches the photos. */
export async function submitPortalReturn(ctx: AppContext, o: SubmitPortalReturnOptions): Promise<ReturnView> {
  const { body } = o;
  const policy = await getCurrentPolicy(ctx.db);
  const allPhotoIds = body.lines.flatMap((l) => l.photoIds);
  if (new Set(allPhotoIds).size !== allPhotoIds.length) throw invalidField('lines', 'A photo may be attached once');
  const photos = new Map((await findPhotos(ctx.db, allPhotoIds, o.scope)).map((p) => [p.id, p]));
  body.lines.forEach((line, i) => {
    const reason = findReason(policy, line.reasonCode);
    if (reason.requiresPhoto && line.photoIds.length === 0) throw invalidField(`lines.${i}.photoIds`, `Reason ${reason.code} needs at least one photo`);
    if (reason.requiresNote && !line.note) throw invalidField(`lines.${i}.note`, `Reason ${reason.code} needs a description`);
    line.photoIds.forEach((id, j) => {
      const photo = photos.get(id);
      if (!photo || photo.returnId !== null) throw invalidField(`lines.${i}.photoIds.${j}`, `Photo ${id} is not an unused photo of yours`);
    });
  });

  const order = body.lines.some((l) => l.replacement) ? await findOrder(ctx.db, body.orderId, o.scope) : undefined;
  await checkCustomerReplacements(
    ctx.db,
    body.resolution,
    body.lines.map((l) => ({ sku: order?.lines.find((x) => x.id === l.orderLineId)?.sku, replacement: l.replacement })),
  );

  const created = await createReturn(ctx, {
    body: {
      orderId: body.orderId,
      type: body.type,
      resolution: body.resolution,
      channel: o.channel,
      lines: body.lines.map((l) => ({
        orderLineId: l.orderLineId,
        quantity: l.quantity,
        reasonCode: l.reasonCode,
        ...(l.note ? { note: l.note } : {}),
        ...(l.replacement ? { replacement: { sku: l.replacement.sku, quantity: l.quantity } } : {}),
      })),
    },
    scope: o.scope,
    actor: o.actor,
    defaultChannel: o.channel,
    photos: body.lines.map((l) => l.photoIds.length),
  });
  for (const [i, line] of body.lines.entries()) {
    const returnLine = created.lines[i];
    if (line.photoIds.length > 0 && returnLine) {
      await attachReturnPhotos(ctx, { returnId: created.id, scope: o.scope, photoIds: line.photoIds, returnLineId: returnLine.id });
    }
  }
  return created;
}
