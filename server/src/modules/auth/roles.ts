/** Staff roles and what each may do: the one table every endpoint checks against. */

export const roles = ['admin', 'manager', 'service', 'warehouse', 'finance', 'sales', 'viewer'] as const;
export type Role = (typeof roles)[number];

export type Permission =
  | 'users:manage'
  | 'products:read'
  | 'products:write'
  | 'customers:read'
  | 'customers:write'
  | 'orders:read'
  | 'orders:write'
  | 'inventory:read'
  | 'inventory:write'
  | 'returns:read'
  | 'returns:create'
  | 'returns:review'
  | 'returns:ship'
  | 'returns:cancel'
  | 'returns:receive'
  | 'returns:inspect'
  | 'returns:refund'
  | 'returns:close'
  | 'refunds:approve'
  | 'policy:read'
  | 'policy:write'
  | 'webhooks:manage'
  | 'notifications:read'
  | 'notifications:manage'
  | 'reports:read'
  | 'warehouses:manage'
  | 'stocktaking:count'
  | 'stocktaking:approve';

const allStaff: readonly Role[] = roles;
const readers: readonly Role[] = ['admin', 'manager', 'service', 'warehouse', 'finance', 'viewer'];

export const rolesByPermission: Record<Permission, readonly Role[]> = {
  'users:manage': ['admin'],
  'products:read': allStaff,
  'products:write': ['admin', 'manager'],
  'customers:read': allStaff,
  'customers:write': ['admin', 'manager', 'service'],
  'orders:read': allStaff,
  'orders:write': ['admin', 'manager', 'service'],
  'inventory:read': readers,
  'inventory:write': ['admin', 'warehouse'],
  'returns:read': allStaff,
  'returns:create': ['admin', 'service'],
  'returns:review': ['admin', 'service'],
  'returns:ship': ['admin', 'service'],
  'returns:cancel': ['admin', 'service'],
  'returns:receive': ['admin', 'warehouse'],
  'returns:inspect': ['admin', 'warehouse'],
  'returns:refund': ['admin', 'finance'],
  'returns:close': ['admin', 'manager'],
  'refunds:approve': ['admin', 'finance'],
  // The contract: GET and PUT /policy are for admin and manager; everyone reads /public/policy.
  'policy:read': ['admin', 'manager'],
  'policy:write': ['admin', 'manager'],
  'webhooks:manage': ['admin'],
  'notifications:read': ['admin', 'manager', 'service'],
  'notifications:manage': ['admin'],
  'reports:read': ['admin', 'manager', 'finance', 'viewer'],
  'warehouses:manage': ['admin', 'warehouse'],
  'stocktaking:count': ['admin', 'manager', 'warehouse'],
  'stocktaking:approve': ['admin', 'manager'],
};

/** Whether any of the roles grants the permission. */
export function rolesAllow(userRoles: readonly string[], permission: Permission): boolean {
  const allowed = rolesByPermission[permission];
  return userRoles.some((r) => (allowed as readonly string[]).includes(r));
}

/** Roles whose view of customers is limited to their own (sales). */
export function seesOnlyOwnCustomers(userRoles: readonly string[]): boolean {
  return userRoles.every((r) => r === 'sales');
}

/** Roles that see customers' phone numbers masked (PIPL): warehouse only. */
export function seesMaskedPhones(userRoles: readonly string[]): boolean {
  return userRoles.every((r) => r === 'warehouse');
}
