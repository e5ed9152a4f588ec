/**
 * A line's reason as the customer picks it: a reason, then — where the shop split it into
 * sub-reasons — one of those. What the line must bring (a photo, a comment) follows the
 * sub-reason picked, which already carries its parent's demands (the server resolves them).
 */
import type { Reason, SubReason } from './portal-types.ts';

export type PickedReason = {
  /** The top-level reason picked, if any. */
  reason: Reason | undefined;
  /** The sub-reason picked under it, if any. */
  sub: SubReason | undefined;
  /** The code sent with the line: the sub-reason's, else the reason's ('' when nothing is picked). */
  code: string;
  /** The reason has sub-reasons and none is picked yet. */
  needsSub: boolean;
  /** What the line's demands and postage follow: the sub-reason, else the reason. */
  effective: Reason | SubReason | undefined;
};

/** Resolves a line's picks against the policy's reasons. */
export function pickReason(reasons: readonly Reason[], reasonCode: string, subCode: string): PickedReason {
  const reason = reasons.find((r) => r.code === reasonCode);
  const sub = reason?.children?.find((c) => c.code === subCode);
  const needsSub = Boolean(reason?.children?.length) && !sub;
  return { reason, sub, code: sub?.code ?? reason?.code ?? '', needsSub, effective: sub ?? reason };
}
