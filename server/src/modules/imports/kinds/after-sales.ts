/**
 * After-sales requests (售后单) from a marketplace export, one row per product line:
 * grouped by the platform's after-sales number, which is the document number (a request
 * imported before is skipped), checked against the order already in ReturnFlow.
 */
import type { Db } from '../../../db/connect.ts';
import { everything } from '../../../lib/scope.ts';
import { findOrder } from '../../orders/orders.repository.ts';
import type { KindDefinition } from '../import-kind.ts';
import type { ImportProblem } from '../import-messages.ts';
import { importedDocuments, orderIdsByNumber } from '../lookups.repository.ts';
import { type AfterSalesKind, afterSalesColumns, kindOf, type Platform, type PlatformState, stateOf } from './after-sales-platforms.ts';

export type AfterSalesItem = { line: number; sku: string; quantity: number; orderLineId: string | null };

export type AfterSalesRecord = {
  line: number;
  platform: Platform;
  afterSalesNo: string;
  orderNumber: string;
  orderId: string | null;
  kind: AfterSalesKind;
  state: PlatformState;
  statusText: string;
  reason: string;
  note: string | null;
  appliedAt: string | null;
  refundAmount: number | null;
  carrier: string | null;
  trackingNumber: string | null;
  items: AfterSalesItem[];
};

/** The kind under which a platform's after-sales numbers are remembered. */
export const afterSalesDocumentKind = (platform: Platform) => `after_sales:${platform}`;

/** An after-sales import for one platform's export. */
export function afterSalesImport(platform: Platform): KindDefinition<AfterSalesRecord> {
  return {
    kind: 'after_sales',
    columns: afterSalesColumns(platform),
    parse(rows) {
      const byNumber = new Map<string, AfterSalesRecord>();
      for (const row of rows) {
        const afterSalesNo = row.text('afterSalesNo', { required: true, max: 64 });
        const orderNumber = row.text('orderNumber', { required: true, max: 64 });
        const sku = row.text('sku', { required: true, max: 64 });
        const quantity = row.has('quantity') ? row.quantity('quantity', { required: true }) : 1;
        const kind = kindOf(row.raw('kind'), row.raw('needsReturn'));
        if (!kind) row.problem('kind', 'unsupported_kind', { value: row.raw('kind') });
        if (!afterSalesNo || !orderNumber || !sku || quantity === null || !kind) continue;
        const record = byNumber.get(afterSalesNo) ?? {
          line: row.line,
          platform,
          afterSalesNo,
          orderNumber,
          orderId: null,
          kind,
          state: stateOf(row.raw('status')),
          statusText: row.raw('status').slice(0, 60),
          reason: row.raw('reason').slice(0, 100),
          note: row.text('note', { max: 300 }),
          appliedAt: row.dateTime('appliedAt'),
          refundAmount: row.money('refundAmount'),
          carrier: row.text('carrier', { max: 40 }),
          trackingNumber: row.text('trackingNumber', { max: 40 }),
          items: [],
        };
        byNumber.set(afterSalesNo, record);
        const same = record.items.find((i) => i.sku === sku);
        if (same) same.quantity += quantity;
        else record.items.push({ line: row.line, sku, quantity, orderLineId: null });
      }
      return { records: [...byNumber.values()], problems: [] };
    },
    async plan(db: Db, records) {
      const done = await importedDocuments(
        db,
        afterSalesDocumentKind(platform),
        records.map((r) => r.afterSalesNo),
      );
      const orderIds = await orderIdsByNumber(
        db,
        records.map((r) => r.orderNumber),
      );
      const problems: ImportProblem[] = [];
      const planned = [];
      for (const record of records) {
        if (done.has(record.afterSalesNo)) {
          planned.push({ record, action: 'skip' as const, note: 'imported' });
          continue;
        }
        if (record.state === 'closed') {
          planned.push({ record, action: 'skip' as const, note: 'closed' });
          continue;
        }
        const orderId = orderIds.get(record.orderNumber);
        if (!orderId) {
          problems.push({ row: record.line, column: null, key: 'orderNumber', code: 'unknown_order', params: { value: record.orderNumber } });
          continue;
        }
        const order = await findOrder(db, orderId, everything);
        const items = record.items.map((item) => {
          const line = order?.lines.find((l) => l.sku === item.sku);
          if (!line)
            problems.push({ row: item.line, column: null, key: 'sku', code: 'sku_not_on_order', params: { value: item.sku, order: record.orderNumber } });
          else if (item.quantity > line.returnableQuantity) {
            problems.push({
              row: item.line,
              column: null,
              key: 'quantity',
              code: 'exceeds_returnable',
              params: { value: item.quantity, max: line.returnableQuantity },
            });
          }
          return { ...item, orderLineId: line?.id ?? null };
        });
        planned.push({ record: { ...record, orderId, items }, action: 'create' as const });
      }
      return { planned, problems };
    },
  };
}
