/** The reason tree as customers see it: names, whether the shop is at fault, what each asks for; sub-reasons inherit what they leave out. */
import { z } from 'zod';
import type { Policy } from './policy.schema.ts';
import { findReason } from './reasons.ts';

const PublicReasonFields = z.object({
  code: z.string(),
  label: z.string(),
  labelEn: z.string(),
  shopFault: z.boolean(),
  requiresPhoto: z.boolean(),
  requiresNote: z.boolean(),
  category: z.string().optional(),
});

/** A reason a customer may pick, with the sub-reasons to pick from under it (each a valid reason code of its own). */
export const PublicReason = PublicReasonFields.extend({ children: z.array(PublicReasonFields).optional() });
export type PublicReason = z.infer<typeof PublicReason>;

/** The policy's reasons for the portal: a sub-reason's shop fault, photo, note and category resolved from its parent. */
export function publicReasons(policy: Pick<Policy, 'reasons'>): PublicReason[] {
  const present = (code: string) => {
    const r = findReason(policy, code);
    return {
      code: r.code,
      label: r.label,
      labelEn: r.labelEn ?? r.label,
      shopFault: r.shopFault === true,
      requiresPhoto: r.requiresPhoto === true,
      requiresNote: r.requiresNote === true,
      ...(r.category ? { category: r.category } : {}),
    };
  };
  return policy.reasons.map((reason) => ({
    ...present(reason.code),
    ...(reason.children?.length ? { children: reason.children.map((c) => present(c.code)) } : {}),
  }));
}
