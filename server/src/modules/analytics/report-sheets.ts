/** Each analytics report as an Excel sheet: headers in the reader's language, money in yuan, rates as percentages. */
import { buildWorkbook, type SheetColumn } from '../exports/workbook.ts';
import type { NoticeLocale } from '../notifications/notice-catalog.ts';
import type {
  CustomersReport,
  JumpsReport,
  MoneyReport,
  ProcessHealthReport,
  ProductReasonsReport,
  RateReport,
  ReasonsReport,
  TrendReport,
} from './analytics.schema.ts';

const pct = (r: number | null | undefined) => (r === null || r === undefined ? null : Math.round(r * 10_000) / 100);

function col<T>(zh: string, en: string, value: (row: T) => string | number | null, kind?: SheetColumn<T>['kind'], width?: number): SheetColumn<T> {
  return { zh, en, value, ...(kind ? { kind } : {}), ...(width ? { width } : {}) };
}

type Rate = RateReport['data'][number];
const rateColumns: SheetColumn<Rate>[] = [
  col('分组', 'Group', (r) => r.label, 'text', 30),
  col('类目', 'Category', (r) => r.category),
  col('退货单数', 'Returns', (r) => r.returns, 'integer'),
  col('退货件数', 'Units returned', (r) => r.returnedUnits, 'integer'),
  col('销售件数', 'Units sold', (r) => r.soldUnits, 'integer'),
  col('件数退货率 %', 'Unit return rate %', (r) => pct(r.unitRate)),
  col('退货金额', 'Value returned', (r) => r.returnedValue, 'money'),
  col('销售金额', 'Value sold', (r) => r.soldValue, 'money'),
  col('金额退货率 %', 'Value return rate %', (r) => pct(r.valueRate)),
  col('已退款', 'Refunded', (r) => r.refundedAmount, 'money'),
];

type Trend = TrendReport['data'][number];
const trendColumns: SheetColumn<Trend>[] = [
  col('起始日', 'Starting', (r) => r.start),
  col('退货件数', 'Units returned', (r) => r.returnedUnits, 'integer'),
  col('销售件数', 'Units sold', (r) => r.soldUnits, 'integer'),
  col('退货率 %', 'Return rate %', (r) => pct(r.unitRate)),
  col('上期起始日', 'Previous: starting', (r) => r.previous?.start ?? null),
  col('上期退货件数', 'Previous: units returned', (r) => r.previous?.returnedUnits ?? null, 'integer'),
  col('上期销售件数', 'Previous: units sold', (r) => r.previous?.soldUnits ?? null, 'integer'),
  col('上期退货率 %', 'Previous: return rate %', (r) => pct(r.previous?.unitRate)),
];

type Reason = ReasonsReport['reasons'][number];
const reasonColumns: SheetColumn<Reason>[] = [
  col('原因', 'Reason', (r) => r.label, 'text', 24),
  col('原因类别', 'Reason category', (r) => r.category),
  col('退货件数', 'Units returned', (r) => r.returnedUnits, 'integer'),
  col('占比 %', 'Share %', (r) => pct(r.share)),
  col('上期件数', 'Previous units', (r) => r.previousUnits, 'integer'),
  col('上期占比 %', 'Previous share %', (r) => pct(r.previousShare)),
  col('变化 %', 'Change %', (r) => pct(r.change)),
];

type Mix = ProductReasonsReport['mix'][number];
const mixColumns: SheetColumn<Mix>[] = [
  col('原因', 'Reason', (r) => r.label, 'text', 24),
  col('本商品件数', 'Product units', (r) => r.productUnits, 'integer'),
  col('本商品占比 %', 'Product share %', (r) => pct(r.productShare)),
  col('类目件数', 'Category units', (r) => r.categoryUnits, 'integer'),
  col('类目占比 %', 'Category share %', (r) => pct(r.categoryShare)),
];

type Jump = JumpsReport['data'][number];
const jumpColumns: SheetColumn<Jump>[] = [
  col('SKU', 'SKU', (r) => r.sku),
  col('商品', 'Product', (r) => r.name, 'text', 24),
  col('类目', 'Category', (r) => r.category),
  col('销售件数', 'Units sold', (r) => r.soldUnits, 'integer'),
  col('退货件数', 'Units returned', (r) => r.returnedUnits, 'integer'),
  col('退货率 %', 'Return rate %', (r) => pct(r.unitRate)),
  col('基线退货率 %', 'Baseline rate %', (r) => pct(r.baselineRate)),
  col('倍数', 'Lift', (r) => (r.lift === null ? null : Math.round(r.lift * 100) / 100)),
  col('z值', 'z', (r) => r.z),
  col('开始于', 'Since', (r) => r.since),
  col('主要原因', 'Top reason', (r) => r.topReasonLabel),
];

type Stage = ProcessHealthReport['stages'][number];
const stageColumns: SheetColumn<Stage>[] = [
  col('环节', 'Stage', (r) => r.name, 'text', 20),
  col('负责角色', 'Owner', (r) => r.ownerRole),
  col('时限(小时)', 'Limit (h)', (r) => r.timeLimitHours),
  col('完成数', 'Completed', (r) => r.count, 'integer'),
  col('中位用时(小时)', 'Median (h)', (r) => r.medianHours),
  col('P90用时(小时)', 'P90 (h)', (r) => r.p90Hours),
  col('进行中', 'Open', (r) => r.open, 'integer'),
  col('已超时', 'Overdue', (r) => r.overdue, 'integer'),
  col('状态', 'Health', (r) => r.health),
];

type Money = MoneyReport['data'][number];
const moneyColumns: SheetColumn<Money>[] = [
  col('SKU', 'SKU', (r) => r.sku),
  col('商品', 'Product', (r) => r.name, 'text', 24),
  col('类目', 'Category', (r) => r.category),
  col('退货件数', 'Units returned', (r) => r.returnedUnits, 'integer'),
  col('已退款', 'Refunded', (r) => r.refundedAmount, 'money'),
  col('其中储值', 'Of which store credit', (r) => r.storeCreditAmount, 'money'),
  col('扣费', 'Fees kept', (r) => r.feeAmount, 'money'),
  col('再上架价值', 'Value restocked', (r) => r.restockedValue, 'money'),
  col('损坏/报废价值', 'Value lost (damaged, scrap)', (r) => r.lostValue, 'money'),
  col('退供应商价值', 'Value to vendor', (r) => r.vendorValue, 'money'),
  col('退货成本', 'Cost of returns', (r) => r.cost, 'money'),
];

type Customer = CustomersReport['data'][number];
const customerColumns: SheetColumn<Customer>[] = [
  col('客户', 'Customer', (r) => r.name, 'text', 20),
  col('退货单数', 'Returns', (r) => r.returns, 'integer'),
  col('退货件数', 'Units returned', (r) => r.returnedUnits, 'integer'),
  col('购买件数', 'Units bought', (r) => r.soldUnits, 'integer'),
  col('退货率 %', 'Return rate %', (r) => pct(r.unitRate)),
  col('已退款', 'Refunded', (r) => r.refundedAmount, 'money'),
  col('多次退货', 'Repeat returner', (r) => (r.repeat ? '✓' : '')),
  col('远高于平均', 'Far above average', (r) => (r.outlier ? '✓' : '')),
];

export type SheetReport =
  | { kind: 'return-rate'; report: RateReport }
  | { kind: 'return-trend'; report: TrendReport }
  | { kind: 'reasons'; report: ReasonsReport }
  | { kind: 'product-reasons'; report: ProductReasonsReport }
  | { kind: 'jumps'; report: JumpsReport }
  | { kind: 'process-health'; report: ProcessHealthReport }
  | { kind: 'money'; report: MoneyReport }
  | { kind: 'customers'; report: CustomersReport };

/** The .xlsx of a report. */
export function reportWorkbook(r: SheetReport, locale: NoticeLocale): Promise<Buffer> {
  switch (r.kind) {
    case 'return-rate':
      return buildWorkbook({ name: { zh: '退货率', en: 'Return rate' }, columns: rateColumns, rows: r.report.data }, locale);
    case 'return-trend':
      return buildWorkbook({ name: { zh: '退货趋势', en: 'Return trend' }, columns: trendColumns, rows: r.report.data }, locale);
    case 'reasons':
      return buildWorkbook({ name: { zh: '退货原因', en: 'Reasons' }, columns: reasonColumns, rows: r.report.reasons }, locale);
    case 'product-reasons':
      return buildWorkbook({ name: { zh: '原因构成', en: 'Reason mix' }, columns: mixColumns, rows: r.report.mix }, locale);
    case 'jumps':
      return buildWorkbook({ name: { zh: '退货率异常上升', en: 'Return rate jumps' }, columns: jumpColumns, rows: r.report.data }, locale);
    case 'process-health':
      return buildWorkbook({ name: { zh: '流程健康', en: 'Process health' }, columns: stageColumns, rows: r.report.stages }, locale);
    case 'money':
      return buildWorkbook({ name: { zh: '退货成本', en: 'Money and goods' }, columns: moneyColumns, rows: r.report.data }, locale);
    case 'customers':
      return buildWorkbook({ name: { zh: '客户退货', en: 'Customers' }, columns: customerColumns, rows: r.report.data }, locale);
  }
}
