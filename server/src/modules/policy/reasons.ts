/** The reason tree: reasons and their sub-reasons, each code valid on a return line. */
import type { Policy, PolicyReason } from './policy.schema.ts';

/** A reason as a return line sees it: a sub-reason carries what it leaves out from its parent. */
export type ResolvedReason = Omit<PolicyReason, 'children'> & { parentCode: string | null };

type Reasons = Pick<Policy, 'reasons'>['reasons'];
type ReasonIndex = { byCode: ReadonlyMap<string, ResolvedReason>; codes: readonly string[] };

/** Every code of the tree resolved, in the tree's order (a code listed twice resolves to its first place). */
function buildIndex(reasons: Reasons): ReasonIndex {
  const byCode = new Map<string, ResolvedReason>();
  const codes: string[] = [];
  const add = (code: string, resolved: ResolvedReason) => {
    codes.push(code);
    if (!byCode.has(code)) byCode.set(code, Object.freeze(resolved));
  };
  for (const reason of reasons) {
    const { children, ...own } = reason;
    add(reason.code, { ...own, parentCode: null });
    for (const child of children ?? []) {
      add(child.code, {
        ...child,
        shopFault: child.shopFault ?? reason.shopFault,
        requiresPhoto: child.requiresPhoto ?? reason.requiresPhoto,
        requiresNote: child.requiresNote ?? reason.requiresNote,
        category: child.category ?? reason.category,
        parentCode: reason.code,
      });
    }
  }
  return { byCode, codes: Object.freeze(codes) };
}

// The policy in force is handed out deep-frozen (db/version-cache.ts): its tree is resolved
// once, not on every line of every return (it showed in the benchmark's profile). A tree
// that is not frozen may still change and is resolved anew.
const indexes = new WeakMap<Reasons, ReasonIndex>();

function indexOf(reasons: Reasons): ReasonIndex {
  if (!Object.isFrozen(reasons)) return buildIndex(reasons);
  let index = indexes.get(reasons);
  if (!index) {
    index = buildIndex(reasons);
    indexes.set(reasons, index);
  }
  return index;
}

/**
 * Whether no restocking fee is charged on a reason: the shop's faults (三包), and consumer
 * no-reason returns — 七天无理由退货, `no_reason` and its sub-reasons — which the law lets
 * a shop charge nothing for but the postage. Reasons a shop adds (a late change of mind)
 * carry the policy's fee.
 */
export function restockingFeeWaived(reason: Pick<ResolvedReason, 'code' | 'shopFault' | 'parentCode'>): boolean {
  return reason.shopFault === true || (reason.parentCode ?? reason.code) === 'no_reason';
}

/** The reason of a code (a reason or a sub-reason), or a neutral stand-in for unknown codes. */
export function findReason(policy: Pick<Policy, 'reasons'>, code: string): ResolvedReason {
  return indexOf(policy.reasons).byCode.get(code) ?? { code, label: code, shopFault: false, parentCode: null };
}

/** Every code a return line may name: the reasons and their sub-reasons. */
export function allReasonCodes(policy: Pick<Policy, 'reasons'>): readonly string[] {
  return indexOf(policy.reasons).codes;
}
