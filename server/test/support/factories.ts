/** Small builders of the records tests need, made through the public API. */
import type { Client } from './test-app.ts';

let counter = 0;
/** A short unique suffix for SKUs and numbers. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

export const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** Creates staff users of the given roles; returns their clients by role. */
export async function buildStaff(
  admin: Client,
  signIn: (email: string, password: string) => Promise<Client>,
  roles: string[],
): Promise<Record<string, Client>> {
  const clients: Record<string, Client> = {};
  for (const role of roles) {
    const email = `${unique(role)}@returnflow.test`.toLowerCase();
    const response = await admin.post('/api/v1/users', { email, name: `${role} user`, password: 'password-123', roles: [role] });
    if (response.status !== 201) throw new Error(`user ${role}: ${response.status} ${JSON.stringify(response.body)}`);
    clients[role] = await signIn(email, 'password-123');
  }
  return clients;
}

export type ProductOptions = { price?: number; category?: string; returnable?: boolean; sku?: string };

/** Creates a product. */
export async function buildProduct(admin: Client, o: ProductOptions = {}) {
  const response = await admin.post('/api/v1/products', {
    sku: o.sku ?? unique('SKU'),
    name: '测试商品',
    category: o.category ?? '服装',
    price: o.price ?? 9900,
    ...(o.returnable === undefined ? {} : { returnable: o.returnable }),
  });
  if (response.status !== 201) throw new Error(`product: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; sku: string; price: number };
}

/** Creates a customer with a unique email and phone. */
export async function buildCustomer(admin: Client) {
  const n = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  const response = await admin.post('/api/v1/customers', { name: '张三', email: `${unique('c')}@example.com`.toLowerCase(), phone: `139${n}` });
  if (response.status !== 201) throw new Error(`customer: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; email: string; phone: string };
}

export type OrderLineOptions = { sku: string; quantity: number; unitPrice: number; discountAmount?: number };
export type OrderOptions = {
  customerId: string;
  lines: OrderLineOptions[];
  discountAmount?: number;
  shippingFee?: number;
  deliveredAt?: string | null;
  stockLocation?: string;
  number?: string;
};

/** Creates an order paid in full by one payment. */
export async function buildOrder(admin: Client, o: OrderOptions) {
  const goods = o.lines.reduce((s, l) => s + l.unitPrice * l.quantity - (l.discountAmount ?? 0), 0) - (o.discountAmount ?? 0);
  const response = await admin.post('/api/v1/orders', {
    number: o.number ?? unique('SO'),
    customerId: o.customerId,
    channel: 'tmall',
    currency: 'CNY',
    placedAt: daysAgo(5),
    ...(o.deliveredAt === null ? {} : { deliveredAt: o.deliveredAt ?? daysAgo(2) }),
    ...(o.stockLocation ? { stockLocation: o.stockLocation } : {}),
    discountAmount: o.discountAmount ?? 0,
    shippingFee: o.shippingFee ?? 0,
    lines: o.lines,
    payments: [{ method: 'alipay', amount: goods + (o.shippingFee ?? 0) }],
  });
  if (response.status !== 201) throw new Error(`order: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as {
    id: string;
    number: string;
    lines: { id: string; sku: string; quantity: number; paidAmount: number; returnableQuantity: number }[];
  };
}

/** A customer with an order of one product (qty units at price), ready to return. */
export async function buildOrderScenario(admin: Client, o: { quantity?: number; price?: number; deliveredAt?: string | null; shippingFee?: number } = {}) {
  const product = await buildProduct(admin, { price: o.price ?? 9900 });
  const customer = await buildCustomer(admin);
  const order = await buildOrder(admin, {
    customerId: customer.id,
    lines: [{ sku: product.sku, quantity: o.quantity ?? 2, unitPrice: o.price ?? 9900 }],
    ...(o.deliveredAt === undefined ? {} : { deliveredAt: o.deliveredAt }),
    ...(o.shippingFee === undefined ? {} : { shippingFee: o.shippingFee }),
  });
  return { product, customer, order };
}

/** Files a return of every unit of every line with a reason. */
export async function buildReturn(
  actor: Client,
  order: { id: string; lines: { id: string; quantity: number }[] },
  o: { reasonCode?: string; resolution?: string; type?: string; quantity?: number } = {},
) {
  const response = await actor.post('/api/v1/returns', {
    orderId: order.id,
    ...(o.type ? { type: o.type } : {}),
    resolution: o.resolution ?? 'refund',
    lines: order.lines.map((l) => ({ orderLineId: l.id, quantity: o.quantity ?? l.quantity, reasonCode: o.reasonCode ?? 'no_reason' })),
  });
  if (response.status !== 201) throw new Error(`return: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
