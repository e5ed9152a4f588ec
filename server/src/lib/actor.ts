/** Who did something: recorded on every timeline row, movement, refund and audit entry. */
export type ActorKind = 'user' | 'customer' | 'system' | 'automation' | 'api_key';

export type Actor = { kind: ActorKind; id: string | null };

export const systemActor: Actor = { kind: 'system', id: null };
export const automationActor: Actor = { kind: 'automation', id: 'policy' };
