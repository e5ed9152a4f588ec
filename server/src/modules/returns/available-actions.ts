/**
 * The actions a staff user may take on a return right now: what their role allows,
 * intersected with what the return's status, type and counters allow. The console shows
 * only these buttons; the server still checks every action on its own.
 */
import { rolesAllow } from '../auth/roles.ts';
import { allowedFrom, goodsComeBack, type ReturnStatus } from './return-status.ts';

export const consoleActions = ['approve', 'reject', 'ship', 'receive', 'inspect', 'refund', 'approve_refund', 'ship_replacement', 'cancel', 'close'] as const;
export type ConsoleAction = (typeof consoleActions)[number];

export type ActionFacts = {
  status: ReturnStatus;
  type: string;
  resolution: string;
  returnless: boolean;
  replacementShippedAt: string | null;
  lines: readonly { quantity: number; receivedQuantity: number; inspectedQuantity: number }[];
  refunds: readonly { status: string; requestedById: string | null }[];
  /** Money accepted for refund and not yet claimed by a refund document. */
  remainingRefund: number;
};

export type ActionUser = { id: string; roles: readonly string[] };

/** The actions the user may take on the return now, in the order the console shows them. */
export function availableActions(user: ActionUser, facts: ActionFacts): ConsoleAction[] {
  const may = (permission: Parameters<typeof rolesAllow>[1]) => rolesAllow(user.roles, permission);
  const from = (action: keyof typeof allowedFrom) => allowedFrom[action].includes(facts.status);
  const goods = goodsComeBack(facts);
  const unitsDue = facts.lines.some((l) => l.receivedQuantity < l.quantity);
  const uninspected = facts.lines.some((l) => l.inspectedQuantity < l.receivedQuantity);
  const received = facts.lines.some((l) => l.receivedQuantity > 0);
  const pending = facts.refunds.filter((r) => r.status === 'pending_approval');

  const actions: ConsoleAction[] = [];
  if (may('returns:review') && from('approve')) actions.push('approve', 'reject');
  if (may('returns:ship') && from('ship') && goods) actions.push('ship');
  if (may('returns:receive') && from('receive') && goods && unitsDue) actions.push('receive');
  if (may('returns:inspect') && from('inspect') && goods && uninspected) actions.push('inspect');
  if (may('returns:refund') && from('refund') && facts.resolution !== 'exchange' && facts.remainingRefund > 0) actions.push('refund');
  if (may('refunds:approve') && pending.some((r) => r.requestedById !== user.id)) actions.push('approve_refund');
  // The server allows shipping a replacement as soon as an exchange is approved; the console
  // offers it once the goods are back (or when none come back), as most shops work.
  const replacementDue = goods ? facts.status === 'received' || facts.status === 'inspected' : true;
  if (may('returns:receive') && from('ship_replacement') && facts.resolution === 'exchange' && !facts.replacementShippedAt && replacementDue) {
    actions.push('ship_replacement');
  }
  if (may('returns:cancel') && from('cancel') && facts.refunds.length === 0 && !received) actions.push('cancel');
  if (may('returns:close') && from('close')) actions.push('close');
  return actions;
}
