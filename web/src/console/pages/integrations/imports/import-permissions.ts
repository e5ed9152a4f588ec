/** Who may import what (the server checks the same in api/imports.ts); the menu and the kind picker read it. */
import type { Permission } from '../../../session/permissions.ts';
import type { ImportKind } from '../api/integrations-types.ts';

export const importPermission: Record<ImportKind, Permission> = {
  products: 'products:write',
  customers: 'customers:write',
  orders: 'orders:write',
  stock: 'inventory:write',
  after_sales: 'returns:create',
};
