/** Steps of a return and checks of stock and money, shared by the API tests. */
import { expect } from 'vitest';
import { ledgerBalances } from '../../src/modules/inventory/stock.repository.ts';
import { defaultPolicy } from '../../src/modules/policy/default-policy.ts';
import type { ApiResponse, Client, TestApp } from './test-app.ts';

export type ReturnLine = { id: string; quantity: number; orderLineId: string };
export type ReturnBody = { id: string; status: string; customerId: string; lines: ReturnLine[]; refundableAmount: number; refundedAmount: number };

/** Asserts a response status, showing the body when it differs. */
export function expectStatus(response: { status: number; body: unknown }, status: number): void {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
}

/** Asserts an error response with its contract code. */
export function expectError(response: { status: number; body: { error?: { code: string } } | null }, status: number, code: string): void {
  expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code });
}

/** Approves a return (service). */
export async function approve(service: Client, ret: { id: string }): Promise<ReturnBody> {
  const response = await service.post(`/api/v1/returns/${ret.id}/approve`, {});
  expectStatus(response, 200);
  return response.body;
}

/** Receives the given units of each line (default: every unit still due). */
export async function receive(warehouse: Client, ret: ReturnBody, quantities?: number[]): Promise<ReturnBody> {
  const lines = ret.lines.map((l, i) => ({ lineId: l.id, quantity: quantities?.[i] ?? l.quantity })).filter((l) => l.quantity > 0);
  const response = await warehouse.post(`/api/v1/returns/${ret.id}/receive`, { lines });
  expectStatus(response, 200);
  return response.body;
}

/** Inspects the given units of each line with one disposition (default: every unit, restocked). */
export async function inspect(warehouse: Client, ret: ReturnBody, quantities?: number[], disposition = 'restock'): Promise<ReturnBody> {
  const lines = ret.lines.map((l, i) => ({ lineId: l.id, quantity: quantities?.[i] ?? l.quantity, grade: 'A', disposition })).filter((l) => l.quantity > 0);
  const response = await warehouse.post(`/api/v1/returns/${ret.id}/inspect`, { lines });
  expectStatus(response, 200);
  return response.body;
}

/** Approves, receives and inspects (restock) every unit of a return. */
export async function bringBack(staff: { service: Client; warehouse: Client }, ret: { id: string }): Promise<ReturnBody> {
  const approved = await approve(staff.service, ret);
  return inspect(staff.warehouse, await receive(staff.warehouse, approved));
}

/** On-hand stock of a SKU by location code. */
export async function levelsOf(admin: Client, sku: string): Promise<Record<string, number>> {
  const response = await admin.get(`/api/v1/inventory/levels?sku=${encodeURIComponent(sku)}`);
  expectStatus(response, 200);
  return Object.fromEntries(response.body.data.map((l: { location: string; onHand: number }) => [l.location, l.onHand]));
}

export type Movement = {
  sku: string;
  fromLocation: string | null;
  toLocation: string | null;
  quantity: number;
  type: string;
  sourceType: string;
  sourceId: string;
};

/** The whole ledger (optionally of one SKU), oldest first, read page by page. */
export async function movementsOf(admin: Client, sku?: string): Promise<Movement[]> {
  const all: Movement[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: '200', ...(sku ? { sku } : {}), ...(cursor ? { cursor } : {}) });
    const response: ApiResponse<{ data: Movement[]; nextCursor: string | null }> = await admin.get(`/api/v1/inventory/movements?${query}`);
    expectStatus(response, 200);
    all.push(...response.body.data);
    cursor = response.body.nextCursor;
  } while (cursor);
  return all;
}

/**
 * Asserts that the levels equal the sum of the ledger, everywhere: through the API (per
 * SKU and location code) and in the database (the projection against ledgerBalances).
 */
export async function expectLevelsMatchLedger(t: TestApp, admin: Client): Promise<void> {
  const fromLedger = new Map<string, number>();
  const add = (key: string, delta: number) => fromLedger.set(key, (fromLedger.get(key) ?? 0) + delta);
  for (const m of await movementsOf(admin)) {
    expect(m.quantity).toBeGreaterThan(0);
    if (m.fromLocation) add(`${m.sku}|${m.fromLocation}`, -m.quantity);
    if (m.toLocation) add(`${m.sku}|${m.toLocation}`, m.quantity);
  }
  const levels = await admin.get('/api/v1/inventory/levels');
  expectStatus(levels, 200);
  const fromLevels = new Map<string, number>(
    levels.body.data.map((l: { sku: string; location: string; onHand: number }) => [`${l.sku}|${l.location}`, l.onHand]),
  );
  const nonZero = (m: Map<string, number>) => Object.fromEntries([...m].filter(([, v]) => v !== 0).sort(([a], [b]) => a.localeCompare(b)));
  expect(nonZero(fromLevels)).toEqual(nonZero(fromLedger));

  const stored = await t.db.selectFrom('stockLevels').select(['productId', 'locationId', 'onHand']).execute();
  const projection = new Map(stored.map((r) => [`${r.productId}|${r.locationId}`, Number(r.onHand)]));
  expect(nonZero(projection)).toEqual(nonZero(await ledgerBalances(t.db)));
}

/** Publishes a policy change for the length of a test and restores the fields it touched. */
/**
 * A reason a shop adds beyond the law (a change of mind after the 7 days): the policy's
 * restocking fee is charged on it, never on `no_reason` (七天无理由) or the shop's faults.
 */
export const feeReason = { code: 'changed_mind', label: '不想要了（超过七天）', labelEn: 'Changed my mind (after 7 days)', shopFault: false };

/** The default reasons and `feeReason`, for a policy patch. */
export const reasonsWithFee = [...defaultPolicy.reasons, feeReason];

export async function withPolicy<T>(admin: Client, patch: Record<string, unknown>, run: () => Promise<T>): Promise<T> {
  const before = await admin.get('/api/v1/policy');
  expectStatus(before, 200);
  const changed = await admin.put('/api/v1/policy', patch);
  expectStatus(changed, 200);
  try {
    return await run();
  } finally {
    const restore = Object.fromEntries(Object.keys(patch).map((k) => [k, before.body[k]]));
    expectStatus(await admin.put('/api/v1/policy', restore), 200);
  }
}
