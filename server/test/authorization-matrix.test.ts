/**
 * The authorization matrix: every registered endpoint × every staff role, no credentials,
 * and the portal session of another customer. The endpoints come from the app's own
 * route table, so a new endpoint fails this test until its row is added below.
 *
 * Rows are written from the contract's role list (api-v1.md, "Roles") and the permission
 * table in server/src/modules/auth/roles.ts; they are spelled out here rather than read
 * from roles.ts, so a change there that widens a role shows up as a failure here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Permission, type Role, roles, rolesByPermission } from '../src/modules/auth/roles.ts';
import { freshAddress, tokenOf } from './support/portal-fixtures.ts';
import { type CatalogRoute, deliberateServerErrors, errorLog, routeCatalog } from './support/route-catalog.ts';
import { buildSecurityWorld, countRows, type RouteRequest, type SecurityWorld, staffPassword, validRequestFor } from './support/security-world.ts';
import { createTestApp, type TestApp, testDatabases } from './support/test-app.ts';

type Access =
  /** Anyone, signed in or not (the path or body carries its own proof where one is needed). */
  | { kind: 'public' }
  /** Staff holding one of `roles`; portal customers get 403 (`portal: 'forbidden'`) or reach only their own records (`'own'`). */
  | { kind: 'staff'; roles: readonly Role[]; portal: 'forbidden' | 'own' }
  /** The portal customer who owns the record, and nobody else. */
  | { kind: 'customer' };

const allStaff: readonly Role[] = roles;
const allButSales: readonly Role[] = ['admin', 'manager', 'service', 'warehouse', 'finance', 'viewer'];

/**
 * Who holds each permission, as the contract's role list puts it (api-v1.md, "Roles"):
 * admin everything; manager policy and process, reports, close, every queue; service
 * customers, orders, returns on a customer's behalf; warehouse receive, inspect, stock,
 * counts; finance refunds and reports; sales reads their own customers' returns; viewer
 * reads. Permissions the contract does not name (notifications, warehouses, counts) are
 * as roles.ts defines them. The first test checks roles.ts against this copy.
 */
const contractRoles: Record<Permission, readonly Role[]> = {
  'users:manage': ['admin'],
  'products:read': allStaff,
  'products:write': ['admin', 'manager'],
  'customers:read': allStaff,
  'customers:write': ['admin', 'manager', 'service'],
  'orders:read': allStaff,
  'orders:write': ['admin', 'manager', 'service'],
  'inventory:read': allButSales,
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

const publicRoute: Access = { kind: 'public' };
/** Any signed-in staff user; portal customers get 403. */
const anyStaff: Access = { kind: 'staff', roles: allStaff, portal: 'forbidden' };
const customerOnly: Access = { kind: 'customer' };
/** Staff holding the permission; portal customers get 403. */
const staff = (permission: Permission): Access => ({ kind: 'staff', roles: contractRoles[permission], portal: 'forbidden' });
/** Staff holding the permission, and portal customers on their own records only. */
const staffOrOwner = (permission: Permission): Access => ({ kind: 'staff', roles: contractRoles[permission], portal: 'own' });

/** Who may call each endpoint. Add a row for every new endpoint (the first test says which are missing). */
const expectedAccess: Record<string, Access> = {
  // Operations and documents, outside the versioned API.
  'GET /healthz': publicRoute,
  'GET /readyz': publicRoute,
  'GET /metrics': publicRoute,
  'GET /api/openapi.json': publicRoute,

  // Sign-in, users and integrations' keys.
  'POST /api/v1/auth/login': publicRoute,
  'POST /api/v1/auth/logout': publicRoute,
  'GET /api/v1/auth/me': anyStaff,
  'PATCH /api/v1/auth/me': anyStaff,
  'POST /api/v1/users': staff('users:manage'),
  'GET /api/v1/users': staff('users:manage'),
  'POST /api/v1/api-keys': staff('users:manage'),
  'GET /api/v1/api-keys': staff('users:manage'),
  'DELETE /api/v1/api-keys/:id': staff('users:manage'),

  // The customer portal.
  'POST /api/v1/portal/sessions': publicRoute,
  'POST /api/v1/portal/sms-codes': publicRoute,
  'POST /api/v1/portal/sms-sessions': publicRoute,
  'GET /api/v1/portal/progress/:token': publicRoute,
  'POST /api/v1/portal/progress/:token/session': publicRoute,
  'POST /api/v1/portal/returns': staffOrOwner('returns:create'),
  'GET /api/v1/portal/returns/:id': staffOrOwner('returns:read'),
  'GET /api/v1/portal/orders/:id/exchange-options': staffOrOwner('orders:read'),
  'POST /api/v1/portal/returns/:id/ship': staffOrOwner('returns:ship'),
  'GET /api/v1/portal/notification-preferences': customerOnly,
  'PUT /api/v1/portal/notification-preferences': customerOnly,
  'GET /api/v1/public/carriers': publicRoute,
  'GET /api/v1/public/return-options': publicRoute,
  'GET /api/v1/public/policy': publicRoute,
  'POST /api/v1/photos': staffOrOwner('returns:create'),
  'GET /api/v1/photos/:id': staffOrOwner('returns:read'),
  // The signed link in a notice is the credential.
  'GET /api/v1/notifications/unsubscribe': publicRoute,
  'POST /api/v1/notifications/unsubscribe': publicRoute,

  // Master data.
  'POST /api/v1/products': staff('products:write'),
  'GET /api/v1/products': staff('products:read'),
  'GET /api/v1/products/:id': staff('products:read'),
  'PATCH /api/v1/products/:id/stock-settings': staff('products:write'),
  'POST /api/v1/suppliers': staff('products:write'),
  'GET /api/v1/suppliers': staff('products:read'),
  'GET /api/v1/suppliers/:id': staff('products:read'),
  'PATCH /api/v1/suppliers/:id': staff('products:write'),
  'DELETE /api/v1/suppliers/:id': staff('products:write'),
  'POST /api/v1/customers': staff('customers:write'),
  'GET /api/v1/customers': staff('customers:read'),
  'GET /api/v1/customers/:id': staff('customers:read'),
  'GET /api/v1/customers/:id/notification-preferences': staff('customers:read'),
  'GET /api/v1/customers/:id/store-credit': staffOrOwner('customers:read'),
  'PUT /api/v1/customers/:id/notification-preferences': staff('customers:write'),
  'GET /api/v1/feedback': staff('customers:read'),
  'POST /api/v1/orders': staff('orders:write'),
  'GET /api/v1/orders': staffOrOwner('orders:read'),
  'GET /api/v1/orders/:id': staffOrOwner('orders:read'),

  // Warehouses, locations and stock.
  'GET /api/v1/warehouses': staff('inventory:read'),
  'POST /api/v1/warehouses': staff('warehouses:manage'),
  'GET /api/v1/warehouses/:id': staff('inventory:read'),
  'PATCH /api/v1/warehouses/:id': staff('warehouses:manage'),
  'DELETE /api/v1/warehouses/:id': staff('warehouses:manage'),
  'GET /api/v1/warehouses/:id/dispositions': staff('inventory:read'),
  'PUT /api/v1/warehouses/:id/dispositions': staff('warehouses:manage'),
  'GET /api/v1/locations': staff('inventory:read'),
  'POST /api/v1/locations': staff('warehouses:manage'),
  'PATCH /api/v1/locations/:id': staff('warehouses:manage'),
  'DELETE /api/v1/locations/:id': staff('warehouses:manage'),
  'GET /api/v1/inventory/reason-codes': staff('inventory:read'),
  'POST /api/v1/inventory/reason-codes': staff('warehouses:manage'),
  'PATCH /api/v1/inventory/reason-codes/:code': staff('warehouses:manage'),
  'GET /api/v1/inventory/lookup': staff('inventory:read'),
  'GET /api/v1/inventory/levels': staff('inventory:read'),
  'GET /api/v1/inventory/levels.xlsx': staff('inventory:read'),
  'GET /api/v1/inventory/movements': staff('inventory:read'),
  'GET /api/v1/inventory/movements.xlsx': staff('inventory:read'),
  'POST /api/v1/inventory/adjustments': staff('inventory:write'),
  'POST /api/v1/inventory/adjustment-documents': staff('inventory:write'),
  'POST /api/v1/inventory/transfers': staff('inventory:write'),
  'GET /api/v1/inventory/transfers': staff('inventory:read'),
  'GET /api/v1/inventory/documents': staff('inventory:read'),
  'GET /api/v1/inventory/documents/:id': staff('inventory:read'),
  'POST /api/v1/inventory/opening-stock': staff('inventory:write'),
  'GET /api/v1/inventory/opening-stock/template.xlsx': staff('inventory:read'),
  'GET /api/v1/inventory/returns-zone': staff('inventory:read'),
  'POST /api/v1/parcels': staff('returns:receive'),
  'GET /api/v1/parcels': staff('inventory:read'),
  'GET /api/v1/parcels/:id': staff('inventory:read'),
  'POST /api/v1/parcels/:id/match': staff('returns:receive'),
  'POST /api/v1/parcels/:id/release': staff('inventory:write'),
  'POST /api/v1/vendor-returns': staff('inventory:write'),
  'GET /api/v1/vendor-returns': staff('inventory:read'),
  'GET /api/v1/vendor-returns/:id': staff('inventory:read'),
  'POST /api/v1/vendor-returns/:id/credit': staff('returns:refund'),
  'POST /api/v1/stock-count-plans': staff('stocktaking:approve'),
  'GET /api/v1/stock-count-plans': staff('stocktaking:count'),
  'POST /api/v1/stock-count-plans/run-due': staff('stocktaking:approve'),
  'GET /api/v1/stock-count-plans/:id': staff('stocktaking:count'),
  'PATCH /api/v1/stock-count-plans/:id': staff('stocktaking:approve'),
  'POST /api/v1/stock-count-plans/:id/run': staff('stocktaking:count'),
  'POST /api/v1/stock-counts': staff('stocktaking:count'),
  'GET /api/v1/stock-counts': staff('stocktaking:count'),
  'GET /api/v1/stock-counts/:id': staff('stocktaking:count'),
  'GET /api/v1/stock-counts/:id/sheet': staff('stocktaking:count'),
  'GET /api/v1/stock-counts/:id/sheet.xlsx': staff('stocktaking:count'),
  'POST /api/v1/stock-counts/:id/counts': staff('stocktaking:count'),
  'POST /api/v1/stock-counts/:id/import': staff('stocktaking:count'),
  'POST /api/v1/stock-counts/:id/submit': staff('stocktaking:count'),
  'GET /api/v1/stock-counts/:id/variance': staff('stocktaking:approve'),
  'GET /api/v1/stock-counts/:id/variance.xlsx': staff('stocktaking:approve'),
  'POST /api/v1/stock-counts/:id/approve': staff('stocktaking:approve'),
  'POST /api/v1/stock-counts/:id/reopen': staff('stocktaking:approve'),
  'POST /api/v1/stock-counts/:id/cancel': staff('stocktaking:approve'),

  // Returns and their actions.
  'POST /api/v1/returns': staffOrOwner('returns:create'),
  'GET /api/v1/returns': staffOrOwner('returns:read'),
  'GET /api/v1/returns/:id': staffOrOwner('returns:read'),
  'POST /api/v1/returns/:id/approve': staff('returns:review'),
  'POST /api/v1/returns/:id/reject': staff('returns:review'),
  'POST /api/v1/returns/:id/ship': staffOrOwner('returns:ship'),
  'POST /api/v1/returns/:id/receive': staff('returns:receive'),
  'POST /api/v1/returns/:id/inspect': staff('returns:inspect'),
  'POST /api/v1/returns/:id/refund': staff('returns:refund'),
  'POST /api/v1/returns/:id/cancel': staffOrOwner('returns:cancel'),
  'POST /api/v1/returns/:id/close': staff('returns:close'),
  // The replacement leaves from the warehouse.
  'POST /api/v1/returns/:id/ship-replacement': staff('returns:receive'),
  'GET /api/v1/returns/:id/photos': staffOrOwner('returns:read'),
  'POST /api/v1/returns/:id/photos': staffOrOwner('returns:create'),
  'GET /api/v1/returns/:id/slip.pdf': staffOrOwner('returns:read'),
  'GET /api/v1/returns/:id/slip.png': staffOrOwner('returns:read'),
  'GET /api/v1/returns/:id/feedback': staffOrOwner('returns:read'),
  'POST /api/v1/returns/:id/feedback': customerOnly,
  'GET /api/v1/refunds': staff('returns:refund'),
  'POST /api/v1/refunds/:id/approve': staff('refunds:approve'),
  'POST /api/v1/refunds/:id/reject': staff('refunds:approve'),
  'GET /api/v1/refunds/:id': staff('returns:refund'),
  'GET /api/v1/refunds/:id/note': staff('returns:refund'),
  'PATCH /api/v1/refunds/:id/note': staff('returns:refund'),
  'GET /api/v1/refunds/:id/note.pdf': staff('returns:refund'),
  'GET /api/v1/returns/:id/refund-preview': staffOrOwner('returns:read'),
  'GET /api/v1/returns/:id/exchange': staffOrOwner('returns:read'),
  'PUT /api/v1/returns/:id/exchange': staff('returns:review'),
  // The customer may take the fallback (refund, credit) when the replacement is out of stock.
  'POST /api/v1/returns/:id/exchange/fallback': staffOrOwner('returns:review'),
  'GET /api/v1/finance/queue': staff('returns:refund'),
  'POST /api/v1/finance/close': staff('returns:refund'),
  'GET /api/v1/finance/closes': staff('reports:read'),
  'GET /api/v1/finance/reconciliation': staff('reports:read'),
  'GET /api/v1/finance/reconciliation.xlsx': staff('reports:read'),
  'GET /api/v1/logistics/returns/:id/tracking': staff('returns:read'),
  'GET /api/v1/logistics/arriving': staff('returns:read'),
  // Carrier pushes are signed with the shop's 快递100 salt instead of a session.
  'POST /api/v1/logistics/kuaidi100/push': publicRoute,

  // Policy, reports, webhooks, notices and schedules.
  'GET /api/v1/policy': staff('policy:read'),
  'PUT /api/v1/policy': staff('policy:write'),
  'GET /api/v1/policy/versions': staff('policy:read'),
  'GET /api/v1/policy/versions/:version': staff('policy:read'),
  'GET /api/v1/policy/versions/:version/changes': staff('policy:read'),
  'GET /api/v1/policy/presets': staff('policy:read'),
  'POST /api/v1/policy/presets/:code/apply': staff('policy:write'),
  'GET /api/v1/policy/rule-options': staff('policy:read'),
  'POST /api/v1/policy/simulate': staff('policy:read'),
  'GET /api/v1/process': staff('returns:read'),
  'GET /api/v1/process/assignees': staff('policy:write'),
  'PUT /api/v1/process': staff('policy:write'),
  'GET /api/v1/process/versions/:version': staff('returns:read'),
  'POST /api/v1/policy/evaluate': staffOrOwner('returns:read'),
  'GET /api/v1/reports/returns': staff('reports:read'),
  'GET /api/v1/reports/return-rate': staff('reports:read'),
  'GET /api/v1/reports/return-rate.xlsx': staff('reports:read'),
  'GET /api/v1/reports/return-trend': staff('reports:read'),
  'GET /api/v1/reports/return-trend.xlsx': staff('reports:read'),
  'GET /api/v1/reports/reasons': staff('reports:read'),
  'GET /api/v1/reports/reasons.xlsx': staff('reports:read'),
  'GET /api/v1/reports/product-reasons': staff('reports:read'),
  'GET /api/v1/reports/product-reasons.xlsx': staff('reports:read'),
  'GET /api/v1/reports/jumps': staff('reports:read'),
  'GET /api/v1/reports/jumps.xlsx': staff('reports:read'),
  'GET /api/v1/reports/process-health': staff('reports:read'),
  'GET /api/v1/reports/process-health.xlsx': staff('reports:read'),
  'GET /api/v1/reports/money': staff('reports:read'),
  'GET /api/v1/reports/money.xlsx': staff('reports:read'),
  'GET /api/v1/reports/customers': staff('reports:read'),
  'GET /api/v1/reports/customers.xlsx': staff('reports:read'),
  'GET /api/v1/exports/returns.xlsx': staff('returns:read'),
  'GET /api/v1/exports/refunds.xlsx': staff('reports:read'),
  'GET /api/v1/exports/stock.xlsx': staff('inventory:read'),
  'GET /api/v1/exports/customers.xlsx': staff('customers:read'),
  // Imports need the permission of what they import (products:write for products, …),
  // checked once the kind is known; the matrix sends kind=products.
  'POST /api/v1/imports': staff('products:write'),
  'GET /api/v1/imports': staff('products:read'),
  'GET /api/v1/imports/templates/:kind': staff('products:read'),
  'GET /api/v1/imports/columns/:kind': staff('products:read'),
  // Any staff member reaches an import; its kind's permission is checked after it is found.
  'GET /api/v1/imports/:id': staff('products:read'),
  'GET /api/v1/imports/:id/errors.xlsx': staff('products:read'),
  'POST /api/v1/imports/:id/commit': staff('products:read'),
  'POST /api/v1/webhooks': staff('webhooks:manage'),
  'GET /api/v1/webhooks': staff('webhooks:manage'),
  'GET /api/v1/webhooks/:id': staff('webhooks:manage'),
  'PATCH /api/v1/webhooks/:id': staff('webhooks:manage'),
  'DELETE /api/v1/webhooks/:id': staff('webhooks:manage'),
  'GET /api/v1/webhooks/:id/deliveries': staff('webhooks:manage'),
  'POST /api/v1/webhooks/:id/deliveries/:deliveryId/redeliver': staff('webhooks:manage'),
  'GET /api/v1/notifications/deliveries': staff('notifications:read'),
  'GET /api/v1/notifications/deliveries/:id': staff('notifications:read'),
  'POST /api/v1/notifications/deliveries/:id/resend': staff('notifications:read'),
  'GET /api/v1/notifications/inbox': staff('returns:read'),
  'GET /api/v1/notifications/inbox/unread-count': staff('returns:read'),
  'POST /api/v1/notifications/inbox/read': staff('returns:read'),
  'GET /api/v1/notification-settings': staff('notifications:manage'),
  'PUT /api/v1/notification-settings/general': staff('notifications:manage'),
  'PUT /api/v1/notification-settings/sms': staff('notifications:manage'),
  'PUT /api/v1/notification-settings/email': staff('notifications:manage'),
  'PUT /api/v1/notification-settings/wechat_mp': staff('notifications:manage'),
  'PUT /api/v1/notification-settings/logistics': staff('notifications:manage'),
  'PUT /api/v1/notification-settings/automation': staff('notifications:manage'),
  'POST /api/v1/notification-settings/test': staff('notifications:manage'),
  'GET /api/v1/notification-robots': staff('notifications:manage'),
  'POST /api/v1/notification-robots': staff('notifications:manage'),
  'PATCH /api/v1/notification-robots/:id': staff('notifications:manage'),
  'DELETE /api/v1/notification-robots/:id': staff('notifications:manage'),
  'POST /api/v1/notification-robots/:id/test': staff('notifications:manage'),
  'GET /api/v1/notification-templates': staff('notifications:manage'),
  'PUT /api/v1/notification-templates': staff('notifications:manage'),
  'DELETE /api/v1/notification-templates/:audience/:event/:locale': staff('notifications:manage'),
  'POST /api/v1/notification-templates/preview': staff('notifications:manage'),
  'GET /api/v1/scheduled-jobs': staff('notifications:manage'),
  'POST /api/v1/scheduled-jobs/:name/run': staff('notifications:manage'),

  // The staff console.
  'GET /api/v1/console/queues': staff('returns:read'),
  'GET /api/v1/console/returns': staff('returns:read'),
  'GET /api/v1/console/returns/:id/workbench': staff('returns:read'),
  'GET /api/v1/console/process': staff('returns:read'),
  'PUT /api/v1/console/process': staff('policy:write'),
  'GET /api/v1/console/customers': staff('customers:read'),
  'GET /api/v1/console/customers/:id/insight': staff('customers:read'),
  'GET /api/v1/console/stock': staff('inventory:read'),
  'GET /api/v1/console/stock/ledger': staff('inventory:read'),
  'GET /api/v1/console/demo-logins': publicRoute,
};

/** Query values the matrix fixes where the permission depends on them (the rest is sampled from the schema). */
const fixedQuery: Record<string, Record<string, string>> = {
  'POST /api/v1/imports': { kind: 'products' },
};

/** Endpoints that end the caller's session: each call gets a session of its own. */
const endsSession = new Set(['POST /api/v1/auth/logout']);

/** Routes the matrix covers: the versioned API and the operational endpoints (the docs UI's assets aside). */
const inScope = (route: CatalogRoute) => route.url.startsWith('/api/v1/') || ['/healthz', '/readyz', '/metrics', '/api/openapi.json'].includes(route.url);

type Caller = { label: string; token: () => Promise<string | undefined> };
type Outcome = { status: number; body: string };

/**
 * Authorization is decided before any query, so the matrix runs on the first database of
 * the run (SQLite in CI) to stay quick; RETURNFLOW_MATRIX_ALL_DATABASES=1 runs it on each.
 * PostgreSQL-only failures of the same endpoints are what fuzz.test.ts hunts on both.
 */
const matrixDatabases = process.env.RETURNFLOW_MATRIX_ALL_DATABASES === '1' ? testDatabases : testDatabases.slice(0, 1);

describe.each(matrixDatabases)('authorization matrix on %s', (kind) => {
  const catalog = routeCatalog();
  const errors = errorLog();
  let t: TestApp;
  let world: SecurityWorld;
  let routes: CatalogRoute[];

  beforeAll(async () => {
    t = await createTestApp(kind, { onRoute: catalog.onRoute, logger: errors.logger });
    world = await buildSecurityWorld(t);
    routes = catalog.routes().filter((r) => inScope(r) && expectedAccess[r.key]);
  }, 120_000);
  afterAll(() => t?.close());

  async function send(request: RouteRequest, token: string | undefined): Promise<Outcome> {
    const response = await t.app.inject({
      method: request.method as never,
      url: request.url,
      query: request.query,
      ...(request.payload === undefined ? {} : { payload: request.payload }),
      headers: { ...request.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      remoteAddress: freshAddress(),
    });
    return { status: response.statusCode, body: response.body };
  }

  const staffCaller = (role: Role, route: CatalogRoute): Caller => ({
    label: role,
    token: async () => {
      if (!endsSession.has(route.key)) return world.staff[role].token;
      const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: world.staff[role].email, password: staffPassword } });
      return login.json().token as string;
    },
  });
  const customerCaller = (who: 'a' | 'b', route: CatalogRoute): Caller => ({
    label: who === 'a' ? 'customer A (owner)' : 'customer B (another customer)',
    token: async () => (endsSession.has(route.key) ? tokenOf(t.app, world[who].orderNumber, world[who].phone) : world[who].token),
  });
  const anonymous: Caller = { label: 'anonymous', token: async () => undefined };

  const requestFor = (route: CatalogRoute): RouteRequest => {
    const request = validRequestFor(world, route);
    return { ...request, query: { ...request.query, ...fixedQuery[route.key] } };
  };
  const leaks = (outcome: Outcome) => outcome.status < 300 && world.secretsOfA.some((secret) => outcome.body.includes(secret));
  const serverError = (route: CatalogRoute, outcome: Outcome) => outcome.status >= 500 && !deliberateServerErrors[route.key];

  /** A's records as the admin sees them: what no other caller may change. */
  async function snapshotOfA(): Promise<string> {
    const paths = [
      `/api/v1/returns/${world.ids.returnA}`,
      `/api/v1/orders/${world.ids.orderA}`,
      `/api/v1/customers/${world.a.id}`,
      `/api/v1/returns?customerId=${world.a.id}`,
      `/api/v1/returns/${world.ids.returnA}/photos`,
      '/api/v1/refunds?status=pending_approval',
    ];
    const bodies = await Promise.all(paths.map((p) => world.admin.get(p)));
    return JSON.stringify(bodies.map((b) => b.body));
  }

  it('grants each permission to the roles the contract names (roles.ts agrees with the matrix)', () => {
    const normalised = (table: Record<string, readonly string[]>) => Object.fromEntries(Object.entries(table).map(([k, v]) => [k, [...v].sort()]));
    expect(normalised(rolesByPermission)).toEqual(normalised(contractRoles));
  });

  it('has a row for every registered endpoint, and no row for an endpoint that is gone', () => {
    const registered = catalog.routes().filter(inScope);
    const missing = registered.filter((r) => !expectedAccess[r.key]).map((r) => r.key);
    const stale = Object.keys(expectedAccess).filter((key) => !registered.some((r) => r.key === key));
    const advice = [
      'Add a row for each to expectedAccess in server/test/authorization-matrix.test.ts, naming the permission its handler checks:',
      ...missing.map((key) => `  '${key}': staff('<permission>'),`),
      "  (staffOrOwner('<permission>') when portal customers reach their own records through it, customerOnly, or publicRoute);",
      'a new permission also needs its roles in contractRoles there and in server/src/modules/auth/roles.ts.',
      "If a path parameter names one of customer A's records that pathValue() in server/test/support/security-world.ts does not know, add it there.",
    ].join('\n');
    expect(missing, `Endpoints missing from the authorization matrix:\n${missing.join('\n')}\n\n${advice}\n`).toEqual([]);
    expect(stale, 'Rows for endpoints that are no longer registered: remove them from expectedAccess').toEqual([]);
  });

  it('answers 403 to every role without the permission, 401 without credentials, and never lets another customer see or change A', async () => {
    const failures: string[] = [];
    const before = await snapshotOfA();
    // A refused request writes nothing: the row counts after each call are compared with the counts before it.
    let counts = await countRows(t);
    const call = async (request: RouteRequest, token: string | undefined, label: string): Promise<Outcome> => {
      const outcome = await send(request, token);
      const after = await countRows(t);
      if (outcome.status >= 400 && JSON.stringify(after) !== JSON.stringify(counts)) {
        const changed = Object.keys(after).filter((table) => after[table] !== counts[table]);
        failures.push(`${request.method} ${request.url} as ${label}: refused with ${outcome.status} but wrote to ${changed.join(', ')}`);
      }
      counts = after;
      return outcome;
    };
    for (const route of routes) {
      const access = expectedAccess[route.key]!;
      const request = requestFor(route);
      const forbiddenRoles = access.kind === 'staff' ? roles.filter((r) => !access.roles.includes(r)) : access.kind === 'customer' ? roles : [];
      for (const role of forbiddenRoles) {
        const outcome = await call(request, await staffCaller(role, route).token(), role);
        if (outcome.status !== 403) failures.push(`${route.key} as ${role}: expected 403, got ${outcome.status} ${outcome.body.slice(0, 160)}`);
      }
      const unsigned = await call(request, undefined, 'anonymous');
      if (access.kind !== 'public' && unsigned.status !== 401) failures.push(`${route.key} anonymous: expected 401, got ${unsigned.status}`);
      if (serverError(route, unsigned)) failures.push(`${route.key} anonymous: ${unsigned.status} ${errors.take()}`);

      const other = await call(request, await customerCaller('b', route).token(), 'customer B');
      const aimsAtA = route.url.includes('/:') && !route.url.includes(':token') && !route.url.includes(':version');
      if (access.kind === 'staff' && access.portal === 'forbidden' && other.status !== 403) {
        failures.push(`${route.key} as customer B: expected 403 (staff only), got ${other.status}`);
      } else if (access.kind !== 'public' && aimsAtA && ![403, 404].includes(other.status)) {
        failures.push(`${route.key} as customer B on customer A's record: expected 404 or 403, got ${other.status} ${other.body.slice(0, 160)}`);
      }
      if (access.kind !== 'public' && leaks(other))
        failures.push(`${route.key} as customer B: the answer shows customer A's data: ${other.body.slice(0, 200)}`);
      if (serverError(route, other)) failures.push(`${route.key} as customer B: ${other.status} ${errors.take()}`);
    }
    expect(failures).toEqual([]);
    expect(await snapshotOfA(), "customer A's records changed while only forbidden callers and customer B were calling").toBe(before);
  }, 300_000);

  it('lets every allowed role and the owning customer through, never answers 5xx, and shows a sales rep only their own customers', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const access = expectedAccess[route.key]!;
      const request = requestFor(route);
      const callers: Caller[] =
        access.kind === 'public'
          ? [anonymous, staffCaller('admin', route), customerCaller('b', route)]
          : access.kind === 'customer'
            ? [customerCaller('a', route)]
            : [...access.roles.map((role) => staffCaller(role, route)), ...(access.portal === 'own' ? [customerCaller('a', route)] : [])];
      for (const caller of callers) {
        const outcome = await send(request, await caller.token());
        if (serverError(route, outcome)) failures.push(`${route.key} as ${caller.label}: ${outcome.status} ${errors.take()}`);
        else if (access.kind !== 'public' && (outcome.status === 401 || outcome.status === 403)) {
          failures.push(`${route.key} as ${caller.label}: expected to be let through, got ${outcome.status} ${outcome.body.slice(0, 160)}`);
        }
        if (caller.label === 'sales' && leaks(outcome))
          failures.push(`${route.key} as sales (not A's rep): the answer shows customer A's data: ${outcome.body.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
