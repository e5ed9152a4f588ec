/**
 * A small shop for the security tests (authorization matrix, fuzzing): staff of every
 * role, customer A with an order, returns, a photo and a refund held for approval,
 * customer B with an order of their own, each customer with a portal session, and a way
 * to fill any route's path, query and body with A's identifiers.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { z } from 'zod';
import { roles as allRoles, type Role } from '../../src/modules/auth/roles.ts';
import { issueProgressLink } from '../../src/modules/portal/progress-links.ts';
import { buildCustomer, buildOrder, buildProduct, buildReturn, unique } from './factories.ts';
import { photoFiles, usePortalTestServices as providePortalTestServices, tokenOf, uploadPhoto } from './portal-fixtures.ts';
import { approve, inspect, receive } from './returns-flow.ts';
import { type CatalogRoute, fillPath } from './route-catalog.ts';
import { adminEmail, adminPassword, type Client, client, signIn, type TestApp } from './test-app.ts';
import { validSample } from './zod-arbitrary.ts';

export const staffPassword = 'password-123';

export type Customer = { id: string; email: string; phone: string; orderNumber: string; token: string };

export type SecurityWorld = {
  admin: Client;
  /** A signed-in client and the email of each staff role. */
  staff: Record<Role, { client: Client; email: string; token: string }>;
  a: Customer;
  b: Customer;
  ids: {
    orderA: string;
    orderLineA: string;
    returnA: string;
    returnLineA: string;
    skuA: string;
    productA: string;
    refundA: string;
    webhookA: string;
    photoA: string;
    progressTokenA: string;
    throwawayUser: string;
  };
  /** Strings that identify customer A: none may appear in what B (or a sales rep who is not A's) gets back. */
  secretsOfA: string[];
};

async function tokenOfClient(app: FastifyInstance, email: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: staffPassword } });
  if (response.statusCode !== 200) throw new Error(`login ${email}: ${response.statusCode} ${response.body}`);
  return response.json().token;
}

/** Builds the shop through the public API. */
export async function buildSecurityWorld(t: TestApp): Promise<SecurityWorld> {
  providePortalTestServices(t);
  const admin = await signIn(t.app, adminEmail, adminPassword);
  const staff = {} as SecurityWorld['staff'];
  for (const role of allRoles) {
    const email = `${unique(role)}@returnflow.test`.toLowerCase();
    const created = await admin.post('/api/v1/users', { email, name: `${role} user`, password: staffPassword, roles: [role] });
    if (created.status !== 201) throw new Error(`user ${role}: ${created.status} ${JSON.stringify(created.body)}`);
    const token = await tokenOfClient(t.app, email);
    staff[role] = { client: client(t.app, token), email, token };
  }
  const second = `${unique('finance2')}@returnflow.test`;
  await admin.post('/api/v1/users', { email: second, name: 'second finance', password: staffPassword, roles: ['finance'] });
  const finance2 = client(t.app, await tokenOfClient(t.app, second));
  const throwaway = await admin.post('/api/v1/users', {
    email: `${unique('spare')}@returnflow.test`,
    name: 'spare',
    password: staffPassword,
    roles: ['viewer'],
  });

  const product = await buildProduct(admin, { price: 5000 });
  const customer = async (): Promise<Customer> => {
    const c = await buildCustomer(admin);
    const order = await buildOrder(admin, { customerId: c.id, lines: [{ sku: product.sku, quantity: 4, unitPrice: 5000 }] });
    return { id: c.id, email: c.email, phone: c.phone, orderNumber: order.number, token: await tokenOf(t.app, order.number, c.phone) };
  };
  const a = await customer();
  const b = await customer();
  const orderA = (await admin.get(`/api/v1/orders?number=${encodeURIComponent(a.orderNumber)}`)).body.data[0];
  const service = staff.service.client;
  const warehouse = staff.warehouse.client;

  // A's first return waits for review; the second is inspected and its refund waits for a second finance user.
  const returnA = await buildReturn(service, { id: orderA.id, lines: [{ id: orderA.lines[0].id, quantity: 1 }] });
  const returnA2 = await buildReturn(service, { id: orderA.id, lines: [{ id: orderA.lines[0].id, quantity: 1 }] });
  await inspect(warehouse, await receive(warehouse, await approve(service, returnA2)));
  const limit = await admin.put('/api/v1/policy', { refundApprovalLimit: 0 });
  if (limit.status !== 200) throw new Error(`policy: ${limit.status}`);
  const refunded = await finance2.post(`/api/v1/returns/${returnA2.id}/refund`, { method: 'original' });
  if (refunded.status !== 200 || refunded.body.refunds[0]?.status !== 'pending_approval')
    throw new Error(`refund: ${refunded.status} ${JSON.stringify(refunded.body)}`);

  const webhook = await admin.post('/api/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['*'], secret: 'webhook-secret-1' });
  const photo = await uploadPhoto(t.app, a.token, photoFiles.png());
  if (photo.status !== 201) throw new Error(`photo: ${photo.status}`);
  const link = await issueProgressLink(t.db, returnA.id, new Date());

  return {
    admin,
    staff,
    a,
    b,
    ids: {
      orderA: orderA.id,
      orderLineA: orderA.lines[0].id,
      returnA: returnA.id,
      returnLineA: returnA.lines[0].id,
      skuA: product.sku,
      productA: product.id,
      refundA: refunded.body.refunds[0].id,
      webhookA: webhook.body.id,
      photoA: photo.body.id,
      progressTokenA: link.token,
      throwawayUser: throwaway.body.id,
    },
    secretsOfA: [a.id, a.email, a.phone, a.orderNumber, orderA.id, returnA.id, returnA2.id, returnA.number, photo.body.id],
  };
}

/** A path parameter's value: the matching record of customer A's, by the segment before it (undefined: not one of A's). */
export function pathValue(world: SecurityWorld, parameter: { name: string; after: string }): string | undefined {
  const byResource: Record<string, string> = {
    returns: world.ids.returnA,
    orders: world.ids.orderA,
    customers: world.a.id,
    products: world.ids.productA,
    refunds: world.ids.refundA,
    webhooks: world.ids.webhookA,
    photos: world.ids.photoA,
    progress: world.ids.progressTokenA,
    users: world.ids.throwawayUser,
    versions: '1',
  };
  return byResource[parameter.after];
}

/** Replaces fields that name records with customer A's records, so a request reaches A's data. */
export function aimAtCustomerA(world: SecurityWorld, value: unknown): unknown {
  const replacements: Record<string, unknown> = {
    orderId: world.ids.orderA,
    orderLineId: world.ids.orderLineA,
    lineId: world.ids.returnLineA,
    returnLineId: world.ids.returnLineA,
    returnId: world.ids.returnA,
    customerId: world.a.id,
    photoIds: [world.ids.photoA],
    sku: world.ids.skuA,
    number: world.a.orderNumber,
    phone: world.a.phone,
    reasonCode: 'no_reason',
    carrier: 'sf',
    trackingNumber: 'SF123456789012',
    location: 'MAIN',
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(v)) {
      if (key === 'access') continue;
      out[key] = key in replacements ? replacements[key] : walk(item);
    }
    return out;
  };
  return walk(value);
}

/** Query values as the strings a URL carries. */
export function asQueryStrings(value: unknown): Record<string, string | string[]> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, string | string[]> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    out[key] = Array.isArray(item) ? item.map((i) => (typeof i === 'string' ? i : JSON.stringify(i))) : typeof item === 'string' ? item : JSON.stringify(item);
  }
  return out;
}

export type RouteRequest = {
  method: string;
  url: string;
  query: Record<string, string | string[]>;
  payload?: string | Buffer;
  headers: Record<string, string>;
};

/** A request the route's schemas accept, aimed at customer A's records. */
export function validRequestFor(world: SecurityWorld, route: CatalogRoute): RouteRequest {
  const pick = (schema: z.ZodType | undefined, asQuery: boolean) => {
    if (!schema) return undefined;
    const normalise = (v: unknown) => (asQuery ? asQueryStrings(v) : v);
    return (
      validSample(schema, { prepare: (v) => normalise(aimAtCustomerA(world, v)) }) ?? validSample(schema, { prepare: normalise }) ?? (asQuery ? {} : undefined)
    );
  };
  // Parameters that do not name one of A's records take a value their schema accepts.
  const sampledParams = (pick(route.schema.params, true) ?? {}) as Record<string, string>;
  const url = fillPath(route.url, (p) => pathValue(world, p) ?? sampledParams[p.name] ?? 'no_such_record_00000000');
  const query = (pick(route.schema.querystring, true) ?? {}) as Record<string, string | string[]>;
  if (route.multipart) {
    const boundary = '----rfmatrix';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`;
    return {
      method: route.method,
      url,
      query,
      payload: Buffer.concat([Buffer.from(head), photoFiles.png(), Buffer.from(`\r\n--${boundary}--\r\n`)]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    };
  }
  const body = route.schema.body ? pick(route.schema.body, false) : undefined;
  return {
    method: route.method,
    url,
    query,
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
  };
}

/** Row counts of the tables that hold business data (not sessions, rate limits or idempotency records). */
export const businessTables = [
  'users',
  'customers',
  'products',
  'orders',
  'order_lines',
  'order_payments',
  'returns',
  'return_lines',
  'return_events',
  'return_inspections',
  'return_stages',
  'refunds',
  'refund_lines',
  'store_credit_entries',
  'stock_movements',
  'stock_levels',
  'policy_versions',
  'process_versions',
  'outbox_events',
  'webhooks',
  'webhook_deliveries',
  'return_photos',
  'return_feedback',
  'audit_log',
];

/** How many rows each business table holds (tables this schema lacks are skipped). */
export async function countRows(t: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const selects = businessTables.map((table) => sql<number>`(select count(*) from ${sql.table(table)})`.as(table));
  try {
    const row = await t.db.selectNoFrom(() => selects as never).executeTakeFirstOrThrow();
    for (const [table, n] of Object.entries(row as Record<string, unknown>)) counts[table] = Number(n);
  } catch {
    for (const table of businessTables) {
      try {
        const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(t.db);
        counts[table] = Number(r.rows[0]?.n);
      } catch {
        // a table another migration has not created yet
      }
    }
  }
  return counts;
}
