/** What a signed-in user may do, from the same role table the server checks. */
import { type Permission, rolesAllow } from '@server/modules/auth/roles.ts';

export type { Permission };

/** Whether any of the roles grants the permission. */
export function allows(roles: readonly string[], permission: Permission): boolean {
  return rolesAllow(roles, permission);
}

/** The role a user is shown as: their most senior one. */
export function primaryRole(roles: readonly string[]): string {
  const order = ['admin', 'manager', 'service', 'warehouse', 'finance', 'sales', 'viewer'];
  return order.find((r) => roles.includes(r)) ?? roles[0] ?? 'viewer';
}
