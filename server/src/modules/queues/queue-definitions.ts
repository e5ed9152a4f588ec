/** Which queues each role works from, and who owns each queue. */
import type { QueueCode } from './queues.schema.ts';

/** The role that works each queue. */
export const queueOwner: Record<QueueCode, string> = {
  all_open: 'manager',
  review: 'service',
  awaiting_parcel: 'service',
  customer_waiting: 'service',
  in_transit: 'warehouse',
  returns_zone: 'warehouse',
  replacement: 'warehouse',
  refund: 'finance',
  refund_approval: 'finance',
  my_customers: 'sales',
};

const queuesByRole: Record<string, readonly QueueCode[]> = {
  service: ['review', 'customer_waiting', 'awaiting_parcel'],
  warehouse: ['in_transit', 'returns_zone', 'replacement'],
  finance: ['refund', 'refund_approval'],
  sales: ['my_customers'],
};

const everyQueue: readonly QueueCode[] = [
  'all_open',
  'review',
  'customer_waiting',
  'awaiting_parcel',
  'in_transit',
  'returns_zone',
  'replacement',
  'refund',
  'refund_approval',
];

/** The queues a user with these roles sees on the home page, their own first. */
export function queuesForRoles(roles: readonly string[]): QueueCode[] {
  if (roles.some((r) => r === 'admin' || r === 'manager' || r === 'viewer')) return [...everyQueue];
  const codes: QueueCode[] = [];
  for (const role of roles) for (const code of queuesByRole[role] ?? []) if (!codes.includes(code)) codes.push(code);
  return codes.length > 0 ? codes : ['all_open'];
}
