/** The reason tree: reasons and their sub-reasons, each code valid on a return line. */
import type { Policy, PolicyReason } from './policy.schema.ts';

/** A reason as a return line sees it: a sub-reason carries what it leaves out from its parent. */
export type ResolvedReason = Omit<PolicyReason, 'children'> & { parentCode: string | null };

/** The reason of a code (a reason or a sub-reason), or a neutral stand-in for unknown codes. */
export function findReason(policy: Pick<Policy, 'reasons'>, code: string): ResolvedReason {
  for (const reason of policy.reasons) {
    const { children, ...own } = reason;
    if (reason.code === code) return { ...own, parentCode: null };
    const child = children?.find((c) => c.code === code);
    if (child) {
      return {
        ...child,
        shopFault: child.shopFault ?? reason.shopFault,
        requiresPhoto: child.requiresPhoto ?? reason.requiresPhoto,
        requiresNote: child.requiresNote ?? reason.requiresNote,
        category: child.category ?? reason.category,
        parentCode: reason.code,
      };
    }
  }
  return { code, label: code, shopFault: false, parentCode: null };
}

/** Every code a return line may name: the reasons and their sub-reasons. */
export function allReasonCodes(policy: Pick<Policy, 'reasons'>): string[] {
  return policy.reasons.flatMap((r) => [r.code, ...(r.children ?? []).map((c) => c.code)]);
}
