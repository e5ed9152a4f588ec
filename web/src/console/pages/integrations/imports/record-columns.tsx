/** How each kind of import shows its records in the preview (the server's parsed values: money in fen, lines as items). */
import { Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { formatDateTime } from '../../../components/format.ts';
import type { ImportKind } from '../api/integrations-types.ts';

type Rec = Record<string, unknown>;
const text = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));
const yuan = (v: unknown) => (typeof v === 'number' ? `¥${(v / 100).toFixed(2)}` : '—');
const items = (v: unknown) =>
  Array.isArray(v)
    ? (v as { sku?: string; quantity?: number; location?: string }[])
        .map((i) => `${i.sku ?? ''}${i.location ? `@${i.location}` : ''} ×${i.quantity ?? 0}`)
        .join('，')
    : '—';

type Def = { key: string; title: string; render: (r: Rec) => React.ReactNode; width?: number };

/** The preview columns of a kind, titled in the interface language. */
export function recordColumns<Row extends { record: Rec }>(kind: ImportKind, t: TFunction): ColumnsType<Row> {
  const c = (key: string, render: (r: Rec) => React.ReactNode, width?: number): Def => ({
    key,
    title: t(`imports.fields.${key}`),
    render,
    ...(width ? { width } : {}),
  });
  const defs: Record<ImportKind, Def[]> = {
    products: [
      c('sku', (r) => <Typography.Text code>{text(r.sku)}</Typography.Text>, 170),
      c('name', (r) => text(r.name)),
      c('category', (r) => text(r.category), 110),
      c('price', (r) => yuan(r.price), 100),
      c('returnable', (r) => (r.returnable ? t('imports.yes') : t('imports.no')), 90),
    ],
    customers: [c('name', (r) => text(r.name)), c('phone', (r) => text(r.phone), 140), c('email', (r) => text(r.email)), c('tier', (r) => text(r.tier), 100)],
    orders: [
      c('number', (r) => <Typography.Text code>{text(r.number)}</Typography.Text>, 170),
      c('customer', (r) => text(r.customerName ?? r.phone ?? r.email), 120),
      c('channel', (r) => text(r.channel), 90),
      c('placedAt', (r) => formatDateTime(typeof r.placedAt === 'string' ? r.placedAt : null), 140),
      c('items', (r) => items(r.items)),
      c('paid', (r) => yuan(r.paidAmount), 100),
    ],
    stock: [c('document', (r) => <Typography.Text code>{text(r.document)}</Typography.Text>, 170), c('items', (r) => items(r.items))],
    after_sales: [
      c('afterSalesNo', (r) => <Typography.Text code>{text(r.afterSalesNo)}</Typography.Text>, 170),
      c('orderNumber', (r) => text(r.orderNumber), 150),
      c('afterSalesKind', (r) => t(`imports.afterSalesKinds.${text(r.kind)}`, { defaultValue: text(r.kind) }), 100),
      c('platformStatus', (r) => text(r.statusText), 110),
      c('reason', (r) => text(r.reason)),
      c('refund', (r) => yuan(r.refundAmount), 100),
      c('items', (r) => items(r.items)),
    ],
  };
  return defs[kind].map((d) => ({
    key: d.key,
    title: d.title,
    ...(d.width ? { width: d.width } : {}),
    ellipsis: true,
    render: (_: unknown, row: Row) => d.render(row.record),
  }));
}
